package org.mailhub.esp.smtp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailhub.esp.Email;
import org.mailhub.esp.EmailGateway;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.SendOutcome;
import org.mailhub.infrastructure.RequestRejected.FieldError;
import org.mailhub.provider.ProviderType;

/**
 * Any SMTP server; the meta value travels in the {@value #META_HEADER} header. With a DKIM key in
 * the settings every message is signed.
 */
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
    return Set.of("/password", "/dkim/privateKey");
  }

  @Override
  public List<FieldError> check(SmtpSettings settings, String fromAddress) {
    List<FieldError> errors = new ArrayList<>(check(settings));
    SmtpSettings.Dkim dkim = settings.dkim();
    if (dkim != null) {
      try {
        DkimSigner.privateKey(dkim.privateKey());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("dkim.privateKey", e.getMessage()));
      }
      if (fromAddress != null && fromAddress.contains("@")) {
        String from = MimeMail.domain(fromAddress);
        if (!from.equals(dkim.domain()) && !from.endsWith("." + dkim.domain())) {
          errors.add(
              new FieldError(
                  "dkim.domain",
                  "must be the From address's domain ("
                      + from
                      + ") or a domain it belongs to: DMARC passes on DKIM only when the signing"
                      + " domain aligns with the From domain"));
        }
      }
    }
    return errors;
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
