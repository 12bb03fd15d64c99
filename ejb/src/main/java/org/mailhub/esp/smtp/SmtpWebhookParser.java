package org.mailhub.esp.smtp;

import jakarta.enterprise.context.ApplicationScoped;
import org.mailhub.esp.http.GenericWebhookParser;
import org.mailhub.provider.ProviderType;

/**
 * SMTP servers have no webhook format of their own; whatever reports their bounces posts the
 * generic v2 payload to the provider's callback URL.
 */
@ApplicationScoped
public class SmtpWebhookParser extends GenericWebhookParser {

  @Override
  public ProviderType type() {
    return ProviderType.SMTP;
  }
}
