package org.mailhub.dispatch;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Whether the server is on its way down: WildFly suspends before a graceful stop (SIGTERM with
 * {@code org.wildfly.sigterm.suspend.timeout}, {@code :shutdown(suspend-timeout=…)}, {@code
 * :suspend}), and its management model, which the JMX subsystem exposes, says so. Dispatch then
 * lets the provider call in flight finish and puts the rest of its chunk back in the queue.
 */
@ApplicationScoped
public class ServerState {

  private static final Logger LOG = Logger.getLogger(ServerState.class.getName());

  /** The management model read at most this often; a stop is noticed within one provider call. */
  private static final long LOOK_EVERY_NANOS = 200_000_000L;

  private final MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
  private ObjectName server;
  private volatile boolean undeploying;
  private volatile boolean suspending;
  private volatile long lookedAt = System.nanoTime() - LOOK_EVERY_NANOS;
  private volatile boolean unreadable;

  /** True once the server suspends or the application is being undeployed. */
  public boolean stopping() {
    if (undeploying) {
      return true;
    }
    long now = System.nanoTime();
    if (!unreadable && now - lookedAt >= LOOK_EVERY_NANOS) {
      lookedAt = now;
      suspending = !"RUNNING".equals(suspendState());
    }
    return suspending;
  }

  private String suspendState() {
    try {
      if (server == null) {
        server = new ObjectName("jboss.as:management-root=server");
      }
      return String.valueOf(mbeans.getAttribute(server, "suspendState"));
    } catch (JMException | RuntimeException e) {
      unreadable = true;
      LOG.log(
          Level.WARNING,
          "Cannot read the server's suspend state through JMX; dispatch notices a stop only when"
              + " the application is undeployed",
          e);
      return "RUNNING";
    }
  }

  @PreDestroy
  void undeploying() {
    undeploying = true;
  }
}
