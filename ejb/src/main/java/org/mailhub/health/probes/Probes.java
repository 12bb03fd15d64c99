package org.mailhub.health.probes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * mailhub's health checks as WildFly's MicroProfile Health finds them. It looks for the checks of
 * an EAR among the beans of the EAR's lib/ jars only (its CDI extension lives in a static module,
 * which sees the top level of a deployment, not its ejb or web modules: WFLY-12835), so this class
 * alone goes into lib/ (mailhub-probes.jar, built from the ejb module), and the checks themselves
 * ({@code org.mailhub.health.NodeChecks}) hand themselves over at start. It knows nothing of
 * mailhub but the checks' names.
 */
@ApplicationScoped
public class Probes {

  private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();

  /** The check that answers for {@code name} from now on. */
  public void register(String name, HealthCheck check) {
    checks.put(name, check);
  }

  @Produces @Liveness final HealthCheck dispatch = probe("dispatch", Status.UP);
  @Produces @Readiness final HealthCheck database = probe("database", Status.DOWN);
  @Produces @Readiness final HealthCheck jms = probe("jms", Status.DOWN);
  @Produces @Readiness final HealthCheck cluster = probe("cluster", Status.DOWN);
  @Produces @Readiness final HealthCheck server = probe("server", Status.DOWN);

  /**
   * The registered check of that name; until there is one, mailhub is starting: alive, and not
   * ready.
   */
  private HealthCheck probe(String name, Status starting) {
    return () -> {
      HealthCheck check = checks.get(name);
      return check != null
          ? check.call()
          : new HealthCheckResponse(
              name, starting, java.util.Optional.of(Map.of("state", "starting")));
    };
  }
}
