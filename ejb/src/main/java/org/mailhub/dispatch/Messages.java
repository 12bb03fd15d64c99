package org.mailhub.dispatch;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The dispatch pipeline's JMS messages, persistent JSON text: "prepare the next chunk of this
 * campaign's audience" and "send to these recipients". Sent in the caller's transaction.
 */
@ApplicationScoped
public class Messages {

  public static final String PREPARE_QUEUE = "java:/jms/queue/MailhubPrepare";
  public static final String DISPATCH_QUEUE = "java:/jms/queue/MailhubDispatch";

  /** A chunk of recipients to send to. */
  public record Dispatch(long campaign, List<Long> sends) {}

  @Inject JMSContext jms;

  @Resource(lookup = PREPARE_QUEUE)
  Queue prepareQueue;

  @Resource(lookup = DISPATCH_QUEUE)
  Queue dispatchQueue;

  public void prepare(long campaignId) {
    jms.createProducer()
        .send(
            prepareQueue,
            JSON.createObjectBuilder().add("campaign", campaignId).build().toString());
  }

  public void dispatch(long campaignId, Collection<Long> sendIds, Duration delay) {
    JsonArrayBuilder ids = JSON.createArrayBuilder();
    sendIds.forEach(ids::add);
    jms.createProducer()
        .setDeliveryDelay(delay.toMillis())
        .send(
            dispatchQueue,
            JSON.createObjectBuilder()
                .add("campaign", campaignId)
                .add("sends", ids)
                .build()
                .toString());
  }

  public static long campaignOf(String text) {
    return json(text).getJsonNumber("campaign").longValue();
  }

  public static Dispatch dispatchOf(String text) {
    JsonObject json = json(text);
    return new Dispatch(
        json.getJsonNumber("campaign").longValue(),
        json.getJsonArray("sends").getValuesAs(jakarta.json.JsonNumber.class).stream()
            .map(jakarta.json.JsonNumber::longValue)
            .toList());
  }

  private static JsonObject json(String text) {
    try (var reader = JSON.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
