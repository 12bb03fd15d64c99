package org.mailhub.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.mailhub.dispatch.Messages;
import org.mailhub.dispatch.Node;
import org.mailhub.dispatch.Recorder;
import org.mailhub.dispatch.ServerState;
import org.mailhub.health.probes.Probes;
import org.mailhub.infrastructure.ManagementModel;

/**
 * What this node tells its orchestrator and load balancer on the management interface ({@code
 * /health/live}, {@code /health/ready}): alive unless dispatch is wedged; ready while the database
 * and the dispatch queue answer and the server is not stopping; and, for operators, which cluster
 * members it sees. A database or a peer that is down never makes it "dead", so that an orchestrator
 * does not restart a node that a restart cannot help.
 */
@ApplicationScoped
public class NodeChecks {

  private static final Logger LOG = Logger.getLogger(NodeChecks.class.getName());

  /**
   * Every dispatch waits for the commit of call outcomes under way before its next call. One that
   * runs this long is stuck in this server, not waiting for a database that is down: the datasource
   * gives up on a connection after 30 s, and the transaction manager rolls back after 5 minutes.
   */
  static final Duration WEDGED = Duration.ofMinutes(10);

  static final String SINGLE = "single node";

  @Inject HealthService health;
  @Inject Recorder recorder;
  @Inject ServerState server;
  @Inject Node node;

  @Resource ConnectionFactory jmsFactory;

  @Resource(lookup = Messages.DISPATCH_QUEUE)
  Queue dispatchQueue;

  /** Hands the checks to the probes WildFly calls. */
  void atStart(@Observes @Initialized(ApplicationScoped.class) Object started, Probes probes) {
    probes.register("dispatch", () -> dispatch(recorder.committing()));
    probes.register("database", () -> database(health.check()));
    probes.register("jms", this::jms);
    probes.register(
        "cluster",
        () ->
            cluster(
                node.name(),
                ManagementModel.read("jboss.as:subsystem=jgroups,channel=ee", "view")
                    .map(String::valueOf)));
    probes.register("server", () -> server(server.stopping()));
  }

  /** Liveness: down only while a commit of call outcomes has run for {@link #WEDGED}. */
  static HealthCheckResponse dispatch(Duration committing) {
    return response(
        "dispatch",
        committing.compareTo(WEDGED) < 0,
        Map.of("commitRunningSeconds", committing.toSeconds()));
  }

  /** Readiness: the database answers within two seconds (what {@code /api/health} asks). */
  static HealthCheckResponse database(Health health) {
    return health.status() == Health.Status.UP
        ? response("database", true, Map.of("database", health.database()))
        : response("database", false, Map.of("detail", health.detail()));
  }

  /** Readiness: a browser on the dispatch queue opens, as a sender's producer would. */
  HealthCheckResponse jms() {
    try (JMSContext jms = jmsFactory.createContext();
        QueueBrowser browser = jms.createBrowser(dispatchQueue)) {
      browser.getEnumeration();
      return response("jms", true, Map.of("queue", "MailhubDispatch"));
    } catch (JMSException | JMSRuntimeException e) {
      LOG.log(Level.WARNING, "Health check: the dispatch queue cannot be reached", e);
      return response(
          "jms", false, Map.of("queue", "MailhubDispatch", "detail", "cannot be reached"));
    }
  }

  /**
   * Readiness, for operators: always up, since a node whose peers died still sends its own chunks.
   * The members are the JGroups view of the {@code ee} channel when the server runs clustered
   * (standalone-full-ha.xml), else "single node".
   */
  static HealthCheckResponse cluster(String node, Optional<String> view) {
    List<String> members = view.map(NodeChecks::members).orElse(List.of());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("node", node);
    data.put("members", members.isEmpty() ? SINGLE : String.join(", ", members));
    data.put("size", (long) Math.max(1, members.size()));
    return response("cluster", true, data);
  }

  /**
   * The members of a JGroups view as WildFly 39 prints it, {@code [node-a(v=16.0.5)|3] (2)
   * [node-a(v=16.0.5), node-b(v=16.0.5)]}, without the version of their view; nothing when the text
   * is not of that shape.
   */
  static List<String> members(String view) {
    int open = view.lastIndexOf('[');
    int close = view.lastIndexOf(']');
    if (open <= 0 || close < open) {
      return List.of();
    }
    return Arrays.stream(view.substring(open + 1, close).split(","))
        .map(member -> member.replaceFirst("\\(v=[^)]*\\)$", "").strip())
        .filter(member -> !member.isEmpty())
        .toList();
  }

  /**
   * Readiness: not ready once the server suspends or stops, so that a load balancer turns away
   * while the provider calls in flight finish.
   */
  static HealthCheckResponse server(boolean stopping) {
    return response("server", !stopping, Map.of("state", stopping ? "stopping" : "running"));
  }

  private static HealthCheckResponse response(String name, boolean up, Map<String, Object> data) {
    return new HealthCheckResponse(name, up ? Status.UP : Status.DOWN, Optional.of(data));
  }
}
