package org.mailhub.callback;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.mailhub.dispatch.SendRecord;
import org.mailhub.dispatch.SendRepository;
import org.mailhub.dispatch.SendStatus;
import org.mailhub.dispatch.Texts;
import org.mailhub.profile.ProfileRules;
import org.mailhub.provider.Provider;
import org.mailhub.provider.ProviderRepository;
import org.mailhub.provider.ProviderService;

/**
 * Takes an ESP's webhook: finds the provider by the token of its callback URL, parses the body with
 * the parser of the provider's type, links each event to its send (by meta value, else by the
 * provider's message id, else by address), drops events seen before, and fires the rest as CDI
 * events in this transaction.
 */
@Stateless
public class CallbackService {

  /**
   * What to answer the ESP: the status, the body of a 200, and for a 401 why the signature check
   * refused the webhook (null when its credentials were wrong).
   */
  public record Answer(int status, JsonObject body, String refusal) {

    static Answer ok(JsonObject body) {
      return new Answer(200, body, null);
    }

    static Answer refused(String why) {
      return new Answer(401, null, why);
    }
  }

  @Inject ProviderRepository providers;
  @Inject ProviderService providerService;
  @Inject SendRepository sends;
  @Inject DeliveryEventRepository events;
  @Inject Event<Reported> reported;
  @Inject @Any Instance<WebhookParser> parsers;
  @Inject @Any Instance<WebhookSignature<?>> signatures;
  @Inject org.mailhub.provider.ProviderSettings settings;
  @Inject CallbackMeters meters;

  /** Whether a callback URL with this token exists (ESPs check with HEAD). */
  public boolean knows(String token) {
    return providers.findByCallbackToken(token).isPresent();
  }

  /** Whether a webhook may be read at all: its token is known and its credentials right. */
  public enum Admission {
    UNKNOWN,
    UNAUTHORIZED,
    ADMITTED
  }

  /** Checked before the body is read, so that nobody else makes mailhub read large bodies. */
  public Admission admit(String token, String authorization) {
    Provider provider = providers.findByCallbackToken(token).orElse(null);
    if (provider == null) {
      return Admission.UNKNOWN;
    }
    return providerService.acceptsCallback(provider, authorization)
        ? Admission.ADMITTED
        : Admission.UNAUTHORIZED;
  }

  /**
   * @param headers the request's headers, first value of each
   * @param bytes the body as received
   * @return null when the token is unknown
   * @throws org.mailhub.infrastructure.RequestRejected for a body the parser refuses as a whole
   */
  public Answer receive(
      String token, String authorization, Map<String, String> headers, byte[] bytes) {
    Provider provider = providers.findByCallbackToken(token).orElse(null);
    if (provider == null) {
      return null;
    }
    if (!providerService.acceptsCallback(provider, authorization)) {
      return new Answer(401, null, null);
    }
    WebhookParser parser = parser(provider);
    WebhookRequest request = new WebhookRequest(provider.id(), headers, bytes);
    try {
      checkSignature(parser, provider, request);
    } catch (WebhookRefused e) {
      meters.refused(provider.id(), provider.type());
      return Answer.refused(e.getMessage());
    }
    Parsed parsed = parser.parse(request.body());
    meters.received(provider.id(), provider.type(), parsed);
    List<Unprocessed> unprocessed = new ArrayList<>(parsed.unprocessed());
    Map<Incoming, SendRecord> links = link(provider, parsed.events());
    // whatever the provider reports about a recipient in doubt shows that it took the email, when
    // the event names that very email (its meta or message id), not only its address
    sends.reported(
        links.entrySet().stream()
            .filter(link -> link.getValue().status() == SendStatus.IN_DOUBT)
            .filter(link -> namesTheEmail(link.getKey(), link.getValue()))
            .map(link -> link.getValue().id())
            .distinct()
            .toList());

    List<Reported.Receipt> receipts = new ArrayList<>();
    for (Incoming event : parsed.events()) {
      SendRecord send = links.get(event);
      if (event.meta() != null && event.meta().startsWith("test-")) {
        unprocessed.add(new Unprocessed(event.index(), event.raw(), "test emails are not tracked"));
      } else if (send == null && parser.requiresKnownMeta()) {
        unprocessed.add(
            new Unprocessed(event.index(), event.raw(), "unknown meta: no email was sent with it"));
      } else if (send == null && ProfileRules.emailProblem(event.email()) != null) {
        // an address nobody was sent to becomes a suppression only when it is an address at all
        unprocessed.add(
            new Unprocessed(
                event.index(),
                event.raw(),
                "invalid email: " + ProfileRules.emailProblem(event.email())));
      } else {
        // normalised like the send's, so that the event log holds one spelling per address
        String email =
            send != null ? send.email() : org.mailhub.profile.Profile.normalize(event.email());
        receipts.add(
            new Reported.Receipt(
                provider.id(),
                send,
                email,
                event.type(),
                event.occurredAt(),
                event.description(),
                key(provider, send, event),
                event.suppression()));
      }
    }
    Set<String> seen =
        new HashSet<>(events.existingKeys(receipts.stream().map(Reported.Receipt::key).toList()));
    for (Reported.Receipt receipt : receipts) {
      if (seen.add(receipt.key())) {
        reported.fire(Reported.of(receipt));
      }
    }
    unprocessed.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return Answer.ok(parser.answer(parsed.total(), receipts.size(), unprocessed));
  }

  /** The type's signature check, or null when its webhooks are not signed. */
  private WebhookSignature<?> signature(Provider provider) {
    for (WebhookSignature<?> signature : signatures) {
      if (signature.type() == provider.type()) {
        return signature;
      }
    }
    return null;
  }

  /**
   * Checks the signature of a type whose ESP signs its webhooks. A signed type without its check (a
   * bean missing) refuses them all rather than take them unchecked.
   */
  private void checkSignature(WebhookParser parser, Provider provider, WebhookRequest request) {
    WebhookSignature<?> signature = signature(provider);
    if (signature != null) {
      verify(signature, provider, request);
    } else if (parser.signed()) {
      throw new WebhookRefused(
          "mailhub has no signature check for " + provider.type() + " webhooks, so takes none");
    }
  }

  /**
   * Verifies with the provider's settings; settings that cannot be read (MAILHUB_SECRET_KEY
   * changed) verify nothing, so the webhook is refused.
   */
  private <S> void verify(
      WebhookSignature<S> signature, Provider provider, WebhookRequest request) {
    Object opened;
    try {
      opened = settings.open(provider).settings();
    } catch (IllegalStateException unreadable) {
      throw new WebhookRefused(
          "the provider's settings cannot be read, so its webhook signatures cannot be checked");
    }
    signature.verify(signature.settingsType().cast(opened), request);
  }

  private WebhookParser parser(Provider provider) {
    for (WebhookParser parser : parsers) {
      if (parser.type() == provider.type()) {
        return parser;
      }
    }
    throw new IllegalStateException("No webhook parser for " + provider.type());
  }

  private Map<Incoming, SendRecord> link(Provider provider, List<Incoming> incoming) {
    // by identity: an event's own hash would hash its whole JSON
    Map<Incoming, SendRecord> links = new IdentityHashMap<>();
    Map<String, SendRecord> byMeta = new HashMap<>();
    sends
        .byMetas(incoming.stream().map(Incoming::meta).filter(Objects::nonNull).distinct().toList())
        .forEach(r -> byMeta.put(r.meta(), r));
    List<Incoming> unlinked = new ArrayList<>();
    for (Incoming event : incoming) {
      SendRecord send = event.meta() == null ? null : byMeta.get(event.meta());
      if (send != null && send.providerId() == provider.id()) {
        links.put(event, send);
      } else {
        unlinked.add(event);
      }
    }
    if (unlinked.isEmpty()) {
      return links;
    }
    Map<String, SendRecord> byMessageId = new HashMap<>();
    sends
        .byMessageIds(
            provider.id(),
            unlinked.stream().map(Incoming::messageId).filter(Objects::nonNull).distinct().toList())
        .forEach(r -> byMessageId.putIfAbsent(r.messageId(), r));
    Map<String, SendRecord> byEmail = new HashMap<>();
    sends
        .latestByEmails(
            provider.id(),
            unlinked.stream().map(Incoming::email).filter(Objects::nonNull).distinct().toList())
        .forEach(r -> byEmail.putIfAbsent(r.email(), r));
    for (Incoming event : unlinked) {
      SendRecord send =
          event.messageId() == null ? null : byMessageId.get(Texts.messageId(event.messageId()));
      if (send == null && event.email() != null) {
        send = byEmail.get(org.mailhub.profile.Profile.normalize(event.email()));
      }
      if (send != null) {
        links.put(event, send);
      }
    }
    return links;
  }

  private static boolean namesTheEmail(Incoming event, SendRecord send) {
    return send.meta().equals(event.meta())
        || (event.messageId() != null
            && send.messageId() != null
            && send.messageId().equals(Texts.messageId(event.messageId())));
  }

  /** The event's identity at this provider: what the ESP says identifies it, else its content. */
  static String key(Provider provider, SendRecord send, Incoming event) {
    String identity =
        event.eventId() != null
            ? event.eventId()
            : String.join(
                "|",
                event.type().name(),
                String.valueOf(event.meta()),
                String.valueOf(event.email()),
                String.valueOf(event.description()));
    return Reported.Receipt.key(provider.id(), send, identity);
  }
}
