package org.mailhub.esp.smtp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailhub.esp.Email;
import org.mailhub.esp.EmailGateway;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.SendOutcome;
import org.mailhub.infrastructure.RequestRejected.FieldError;
import org.mailhub.provider.ProviderType;

/** Any SMTP server; the meta value travels in the {@value #META_HEADER} header. */
@ApplicationScoped
public class SmtpGateway implements EmailGateway<SmtpSettings> {

  public static final String META_HEADER = "X-Mailhub-Meta";

  @Inject MailSender mail;

  @Override
  public ProviderType type() {
    return ProviderType.SMTP;
  }

  @Override
  public java.util.Map<String, String> destinations(SmtpSettings settings) {
    return java.util.Map.of("host", settings.host());
  }

  @Override
  public String connection(SmtpSettings settings) {
    return settings.host() + ":" + settings.port() + " " + settings.security();
  }

  @Override
  public Class<SmtpSettings> settingsType() {
    return SmtpSettings.class;
  }

  @Override
  public Set<String> secretFields() {
    return Set.of("/password");
  }

  @Override
  public List<FieldError> check(SmtpSettings settings) {
    if (settings.trustedCertificate() == null) {
      return List.of();
    }
    if (settings.security() == SmtpSettings.Security.NONE) {
      return List.of(
          new FieldError(
              "trustedCertificate",
              "needs a security with TLS (STARTTLS, STARTTLS_IF_OFFERED or TLS): with NONE no"
                  + " certificate is ever shown"));
    }
    return TrustedCertificates.problem(settings.trustedCertificate())
        .map(why -> List.of(new FieldError("trustedCertificate", why)))
        .orElse(List.of());
  }

  @Override
  public SendOutcome send(SmtpSettings settings, Envelope envelope, List<Email> emails) {
    Email email = emails.get(0);
    Map<String, String> headers =
        email.meta() == null ? Map.of() : Map.of(META_HEADER, email.meta());
    return mail.send(settings, envelope, email, headers);
  }
}
