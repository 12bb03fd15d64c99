package org.mailhub.campaign;

import java.io.Serializable;
import org.mailhub.provider.TestEmailResult;

/**
 * What happened to one address's test: sent with the provider's message id, or refused with the
 * provider's own status (HTTP status or SMTP reply code), error code and answer in {@code message}.
 */
public record TestSendResult(
    String to,
    boolean sent,
    String messageId,
    Integer providerStatus,
    String errorCode,
    String message)
    implements Serializable {

  static TestSendResult of(String to, TestEmailResult result) {
    return new TestSendResult(
        to,
        result.sent(),
        result.messageId(),
        result.providerStatus(),
        result.errorCode(),
        result.message());
  }
}
