package org.mailhub.callback;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.json.JsonObject;
import java.util.List;
import org.mailhub.provider.ProviderType;

/**
 * One ESP's callback side. Implementations live in {@code org.mailhub.esp.<vendor>}, are CDI beans
 * and are found by {@link #type()}.
 */
public interface WebhookParser {

  ProviderType type();

  /**
   * Reads a webhook body. One bad event never fails the others: it goes to {@link
   * Parsed#unprocessed()} with the reason.
   *
   * @throws org.mailhub.infrastructure.RequestRejected when the body as a whole is unacceptable
   */
  Parsed parse(String body);

  /**
   * Whether the ESP signs its webhooks: then none is read unless the type's {@link
   * WebhookSignature} checked it, and a missing check refuses them all rather than read them
   * unchecked.
   */
  default boolean signed() {
    return false;
  }

  /**
   * Whether an event must carry the meta value of a known send. Otherwise it is linked by the
   * provider's message id, then by address, and processed even when no send matches.
   */
  default boolean requiresKnownMeta() {
    return false;
  }

  /** The answer to the ESP. */
  default JsonObject answer(int total, int processed, List<Unprocessed> unprocessed) {
    return JSON.createObjectBuilder()
        .add("received", total)
        .add("processed", processed)
        .add("unprocessed", unprocessed.size())
        .build();
  }
}
