package org.mailhub.esp.postmark;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailhub.esp.Email;
import org.mailhub.esp.EmailGateway;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.SendOutcome;
import org.mailhub.esp.smtp.MailSender;
import org.mailhub.provider.ProviderType;

/**
 * Postmark through its SMTP service. The meta value goes in {@value #META_HEADER}, which Postmark
 * returns as {@code Metadata.meta} in its bounce webhooks.
 */
@ApplicationScoped
public class PostmarkGateway implements EmailGateway<PostmarkSettings> {

  public static final String META_HEADER = "X-PM-Metadata-meta";

  @Inject MailSender mail;

  @Override
  public ProviderType type() {
    return ProviderType.POSTMARK;
  }

  @Override
  public java.util.Map<String, String> destinations(PostmarkSettings settings) {
    return java.util.Map.of("host", settings.host());
  }

  @Override
  public String connection(PostmarkSettings settings) {
    return settings.host() + ":" + settings.port() + " " + settings.security();
  }

  @Override
  public Class<PostmarkSettings> settingsType() {
    return PostmarkSettings.class;
  }

  @Override
  public Set<String> secretFields() {
    return Set.of("/apiKey");
  }

  @Override
  public SendOutcome send(PostmarkSettings settings, Envelope envelope, List<Email> emails) {
    Email email = emails.get(0);
    Map<String, String> headers =
        email.meta() == null ? Map.of() : Map.of(META_HEADER, email.meta());
    return mail.send(settings.smtp(), envelope, email, headers);
  }
}
