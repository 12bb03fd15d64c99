package org.mailhub.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

class NodeChecksTest {

  @Test
  void dispatchIsDeadOnlyWhenACommitHasRunForTenMinutes() {
    assertEquals(Status.UP, NodeChecks.dispatch(Duration.ZERO).getStatus());
    assertEquals(Status.UP, NodeChecks.dispatch(Duration.ofMinutes(9)).getStatus());
    HealthCheckResponse wedged = NodeChecks.dispatch(Duration.ofMinutes(10));
    assertEquals(Status.DOWN, wedged.getStatus());
    assertEquals(600L, wedged.getData().orElseThrow().get("commitRunningSeconds"));
  }

  @Test
  void aDatabaseThatCannotBeReachedIsNotReadyAndSaysNoMoreThanApiHealth() {
    HealthCheckResponse down =
        NodeChecks.database(new Health(Health.Status.DOWN, null, "the database cannot be reached"));
    assertEquals(Status.DOWN, down.getStatus());
    assertEquals(Map.of("detail", "the database cannot be reached"), down.getData().orElseThrow());

    HealthCheckResponse up = NodeChecks.database(new Health(Health.Status.UP, "PostgreSQL", null));
    assertEquals("database", up.getName());
    assertEquals(Status.UP, up.getStatus());
    assertEquals(Map.of("database", "PostgreSQL"), up.getData().orElseThrow());
  }

  @Test
  void aStoppingServerIsNotReady() {
    assertEquals(Status.DOWN, NodeChecks.server(true).getStatus());
    assertEquals(Map.of("state", "stopping"), NodeChecks.server(true).getData().orElseThrow());
    assertEquals(Status.UP, NodeChecks.server(false).getStatus());
  }

  @Test
  void aNodeWithoutJGroupsIsASingleNode() {
    HealthCheckResponse cluster = NodeChecks.cluster("mailhub-1a2b", Optional.empty());
    assertEquals(Status.UP, cluster.getStatus());
    assertEquals(
        Map.of("node", "mailhub-1a2b", "members", "single node", "size", 1L),
        cluster.getData().orElseThrow());
  }

  @Test
  void aNodeWhosePeersDiedIsStillReadyAndSaysWhomItSees() {
    HealthCheckResponse alone = NodeChecks.cluster("a", Optional.of("[b|4] (1) [a]"));
    assertEquals(Status.UP, alone.getStatus());
    assertEquals("a", alone.getData().orElseThrow().get("members"));

    HealthCheckResponse three =
        NodeChecks.cluster("a", Optional.of("[node-b|3] (3) [node-b, a, node-c]"));
    assertEquals("node-b, a, node-c", three.getData().orElseThrow().get("members"));
    assertEquals(3L, three.getData().orElseThrow().get("size"));
  }

  @Test
  void aViewOfAnotherShapeGivesNoMembers() {
    assertEquals(List.of(), NodeChecks.members("undefined"));
    assertEquals(List.of(), NodeChecks.members("[]"));
    assertEquals(List.of("x", "y"), NodeChecks.members("[x|1] (2) [x, y]"));
    assertEquals(
        List.of("obs-ha"),
        NodeChecks.members("[obs-ha(v=16.0.5)|0] (1) [obs-ha(v=16.0.5)]"),
        "as WildFly 39's standalone-full-ha.xml shows it");
  }
}
