package org.mailhub.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.mailhub.esp.SendOutcome;
import org.mailhub.infrastructure.ManagementModel;
import org.mailhub.provider.ProviderType;

/**
 * What this node's dispatch did, as meters: emails by outcome and provider calls by provider, each
 * provider's breaker, and the depths of the dispatch queues. Counts are this node's since its
 * start; test emails are not dispatched and count nowhere.
 */
@ApplicationScoped
public class DispatchMeters {

  /** The JMS queues whose depth is watched: the pipeline's two and the dead-letter queue. */
  static final List<String> QUEUES = List.of("MailhubPrepare", "MailhubDispatch", "DLQ");

  @Inject MeterRegistry registry;
  @Inject ProviderBreakers breakers;

  /** One provider's meters, registered with its first call through this node. */
  private record ProviderMeters(
      Timer calls, Counter sent, Counter failed, Counter inDoubt, Counter retried) {}

  private final Map<Long, ProviderMeters> providers = new ConcurrentHashMap<>();

  /** Made at the application's start, so that the queue depths are there before any dispatch. */
  void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {}

  @PostConstruct
  void watchQueues() {
    for (String queue : QUEUES) {
      Gauge.builder("mailhub.queue.messages", () -> depth(queue))
          .description("messages in the JMS queue on this node, scheduled redeliveries included")
          .tag("queue", queue)
          .register(registry);
    }
  }

  /** The call through the provider, timed. */
  SendOutcome timed(long providerId, ProviderType type, Supplier<SendOutcome> call) {
    ProviderMeters meters;
    try {
      meters = providers.computeIfAbsent(providerId, id -> register(id, type));
    } catch (RuntimeException e) {
      // a meter that cannot be registered must not turn a call into one that may have happened
      java.util.logging.Logger.getLogger(DispatchMeters.class.getName())
          .log(java.util.logging.Level.WARNING, "Cannot register provider meters", e);
      return call.get();
    }
    return meters.calls().record(call);
  }

  /**
   * Counts the recipients of a call whose outcome is committed. The call was timed on this node
   * before (Dispatcher records what it called), so the provider's meters are there.
   */
  void recorded(Ledger.Call call) {
    ProviderMeters meters = providers.get(call.providerId());
    if (meters != null) {
      counter(meters, call).increment(call.carried().size());
    }
  }

  private static Counter counter(ProviderMeters meters, Ledger.Call call) {
    Ledger.CallResult result = call.result();
    if (result instanceof Ledger.CallResult.Sent) {
      return meters.sent();
    }
    if (result instanceof Ledger.CallResult.InDoubt) {
      return meters.inDoubt();
    }
    if (result instanceof Ledger.CallResult.FailOver) {
      return meters.retried(); // sent again through the backup: not an outcome yet
    }
    if (result instanceof Ledger.CallResult.Retry && call.chunk().attempt() < call.maxAttempts()) {
      return meters.retried(); // sent again later (Ledger.record): not an outcome yet
    }
    return meters.failed();
  }

  private ProviderMeters register(long id, ProviderType type) {
    Tags tags = Tags.of("provider.id", String.valueOf(id), "provider.type", type.name());
    Gauge.builder("mailhub.provider.breaker", breakers, b -> b.position(id).ordinal())
        .description("the provider's circuit breaker on this node: 0 closed, 1 open, 2 probing")
        .tags(tags)
        .strongReference(true)
        .register(registry);
    return new ProviderMeters(
        Timer.builder("mailhub.provider.calls")
            .description("provider calls of campaigns (one email, or one batch), by how long")
            .tags(tags)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(60))
            .register(registry),
        emails(tags, "sent"),
        emails(tags, "failed"),
        emails(tags, "in_doubt"),
        emails(tags, "retried"));
  }

  private Counter emails(Tags tags, String outcome) {
    return Counter.builder("mailhub.emails")
        .description(
            "campaign emails by the outcome of their provider call: sent, failed, in_doubt, or"
                + " retried (refused for now, sent again later)")
        .tags(tags)
        .tag("outcome", outcome)
        .register(registry);
  }

  /** The queue's messages, read from the messaging subsystem; NaN while it cannot be read. */
  static double depth(String queue) {
    return ManagementModel.read(
            "jboss.as:subsystem=messaging-activemq,server=default,jms-queue=" + queue,
            "messageCount")
        .map(count -> ((Number) count).doubleValue())
        .orElse(Double.NaN);
  }
}
