package org.mailhub.health.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

class ProbesTest {

  private final Probes probes = new Probes();

  @Test
  void beforeTheChecksAreHandedOverTheNodeIsAliveButNotReady() {
    assertEquals(Status.UP, probes.dispatch.call().getStatus());
    assertEquals(Map.of("state", "starting"), probes.dispatch.call().getData().orElseThrow());
    for (var probe :
        java.util.List.of(probes.database, probes.jms, probes.cluster, probes.server)) {
      assertEquals(Status.DOWN, probe.call().getStatus());
    }
    assertEquals("jms", probes.jms.call().getName());
  }

  @Test
  void eachProbeAnswersWithTheCheckRegisteredUnderItsName() {
    probes.register(
        "database",
        () ->
            new HealthCheckResponse("database", Status.UP, Optional.of(Map.of("database", "H2"))));

    HealthCheckResponse database = probes.database.call();
    assertEquals(Status.UP, database.getStatus());
    assertEquals(Map.of("database", "H2"), database.getData().orElseThrow());
    assertEquals(Status.DOWN, probes.server.call().getStatus(), "not registered yet");
  }
}
