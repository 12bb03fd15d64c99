package org.mailhub.esp.smtp;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SMTP connections kept open between emails, one pool per connection settings (a digest of them
 * all, the password included, so that changed settings never use an old connection). Idle
 * connections are closed after {@code mailhub.smtp.pool-idle-seconds}, as servers drop idle
 * clients, and when the application stops.
 */
@ApplicationScoped
public class SmtpConnections {

  @Inject
  @ConfigProperty(name = "mailhub.smtp.pool-size", defaultValue = "16")
  int size;

  @Inject
  @ConfigProperty(name = "mailhub.smtp.pool-idle-seconds", defaultValue = "30")
  int idleSeconds;

  @Resource ManagedScheduledExecutorService scheduler;

  private TransportPool pool;
  private ScheduledFuture<?> sweeping;

  @PostConstruct
  void start() {
    pool = new TransportPool(size, TimeUnit.SECONDS.toNanos(idleSeconds), System::nanoTime);
    long every = Math.max(1, idleSeconds / 3);
    sweeping = scheduler.scheduleWithFixedDelay(pool::closeIdle, every, every, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    sweeping.cancel(false);
    pool.close();
  }

  TransportPool.Lease borrow(SmtpSettings settings, TransportPool.Opener opener)
      throws MessagingException {
    return pool.borrow(key(settings), opener);
  }

  /** A digest of everything that makes the connection: equal only for equal settings. */
  static String key(SmtpSettings settings) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (Object part :
        new Object[] {
          settings.host(),
          settings.port(),
          settings.security(),
          settings.username(),
          settings.password(),
          settings.trustedCertificate()
        }) {
      byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
      // each part with its length first, so that no two different settings give the same bytes
      digest.update((part == null ? "-" : bytes.length + ":").getBytes(StandardCharsets.UTF_8));
      digest.update(part == null ? new byte[0] : bytes);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
