package org.mailhub.dispatch;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;

/**
 * The dispatch pipeline's JMS messages, persistent JSON text: "prepare the next chunk of this
 * campaign's audience" and "send this dispatch chunk". Sent in the caller's transaction.
 */
@ApplicationScoped
public class Messages {

  public static final String PREPARE_QUEUE = "java:/jms/queue/MailhubPrepare";
  public static final String DISPATCH_QUEUE = "java:/jms/queue/MailhubDispatch";

  /**
   * A dispatch chunk to send; {@code chunk} is null in messages of versions before 0.2, which named
   * send records and are left to the start's conversion of their records.
   */
  public record Dispatch(long campaign, Long chunk) {}

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

  public void dispatch(long campaignId, long chunkId, Duration delay) {
    jms.createProducer()
        .setDeliveryDelay(delay.toMillis())
        .send(
            dispatchQueue,
            JSON.createObjectBuilder()
                .add("campaign", campaignId)
                .add("chunk", chunkId)
                .build()
                .toString());
  }

  /**
   * Asks a dispatch to look whether the campaign is done, after the transaction that sends this
   * commits.
   */
  public void check(long campaignId) {
    jms.createProducer()
        .send(
            dispatchQueue,
            JSON.createObjectBuilder().add("campaign", campaignId).build().toString());
  }

  public static long campaignOf(String text) {
    return json(text).getJsonNumber("campaign").longValue();
  }

  public static Dispatch dispatchOf(String text) {
    JsonObject json = json(text);
    return new Dispatch(
        json.getJsonNumber("campaign").longValue(),
        json.containsKey("chunk") ? json.getJsonNumber("chunk").longValue() : null);
  }

  private static JsonObject json(String text) {
    try (var reader = JSON.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
