package org.mailhub.esp.postmark;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailhub.esp.CallRefused;
import org.mailhub.esp.Destinations;
import org.mailhub.esp.Email;
import org.mailhub.esp.EmailGateway;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.SendOutcome;
import org.mailhub.esp.smtp.MailSender;
import org.mailhub.esp.smtp.SmtpSettings;
import org.mailhub.infrastructure.RequestRejected.FieldError;
import org.mailhub.provider.ProviderType;

/**
 * Postmark through its SMTP service. The meta value goes in {@value #META_HEADER}, which Postmark
 * returns as {@code Metadata.meta} in its bounce webhooks, and the message stream in {@value
 * #STREAM_HEADER}: without it Postmark puts the mail in the transactional stream, which its terms
 * keep for mail a person's own action triggers.
 */
@ApplicationScoped
public class PostmarkGateway implements EmailGateway<PostmarkSettings> {

  public static final String META_HEADER = "X-PM-Metadata-meta";

  /** Postmark's header naming the message stream an SMTP message goes to. */
  public static final String STREAM_HEADER = "X-PM-Message-Stream";

  @Inject MailSender mail;
  @Inject Destinations destinations;

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
  public List<FieldError> check(PostmarkSettings settings) {
    return tlsRefusal(settings)
        .map(why -> List.of(new FieldError("security", why)))
        .orElse(List.of());
  }

  @Override
  public SendOutcome send(PostmarkSettings settings, Envelope envelope, List<Email> emails) {
    Email email = emails.get(0);
    // settings stored before the rule: refused before the token is sent
    tlsRefusal(settings)
        .ifPresent(
            why -> {
              throw new CallRefused(SendOutcome.rejected(null, "TLS_REQUIRED", "security " + why));
            });
    boolean test = envelope.source().testEmail();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(STREAM_HEADER, settings.stream(test));
    if (email.meta() != null) {
      headers.put(META_HEADER, email.meta());
    }
    return mail.send(settings.smtp(test), envelope, email, headers);
  }

  /**
   * Why the settings would send the API token without TLS, if they would: only a relay on mailhub's
   * own network (allowed by {@code mailhub.gateway.allow-private-networks}) may be reached without
   * it.
   */
  private Optional<String> tlsRefusal(PostmarkSettings settings) {
    boolean encrypted =
        settings.security() == SmtpSettings.Security.STARTTLS
            || settings.security() == SmtpSettings.Security.TLS;
    if (encrypted || destinations.onOwnNetwork(settings.host())) {
      return Optional.empty();
    }
    return Optional.of(
        "must be STARTTLS or TLS: the Postmark API token is the SMTP password and is never sent"
            + " without TLS ("
            + settings.security()
            + " is only for a relay on your own network, with"
            + " MAILHUB_GATEWAY_ALLOW_PRIVATE_NETWORKS=true)");
  }
}
