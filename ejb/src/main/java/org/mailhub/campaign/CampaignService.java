package org.mailhub.campaign;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.mailhub.callback.DeliveryEventRepository;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.dispatch.Messages;
import org.mailhub.dispatch.ProviderPace;
import org.mailhub.dispatch.SendRecord;
import org.mailhub.dispatch.SendRepository;
import org.mailhub.dispatch.SendStatus;
import org.mailhub.infrastructure.Page;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.infrastructure.RequestRejected.FieldError;
import org.mailhub.preference.PublicUrl;
import org.mailhub.profile.Profile;
import org.mailhub.profile.ProfileRepository;
import org.mailhub.profile.ProfileRules;
import org.mailhub.provider.PreferenceCenter;
import org.mailhub.provider.Provider;
import org.mailhub.provider.ProviderRepository;
import org.mailhub.provider.ProviderSettings;
import org.mailhub.template.Template;

/**
 * Campaigns: created as drafts, launched (the audience is prepared and sent by the dispatch
 * pipeline, see {@code org.mailhub.dispatch}), cancelled.
 */
@Stateless
public class CampaignService {

  @Inject CampaignRepository campaigns;
  @Inject ProviderRepository providers;
  @Inject ProviderSettings providerSettings;
  @Inject ProfileRepository profiles;
  @Inject SendRepository sends;
  @Inject org.mailhub.dispatch.ChunkRepository chunks;
  @Inject DeliveryEventRepository events;
  @Inject org.mailhub.dispatch.Paces paces;
  @Inject Messages messages;
  @Inject Validator validator;
  @Inject PublicUrl publicUrl;
  @Inject Routes routes;

  public CampaignResponse create(CampaignRequest request) {
    List<FieldError> errors = new ArrayList<>();
    validator
        .validate(request)
        .forEach(v -> errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage())));
    Audience audience = null;
    if (request.audience() != null && request.audience().type() != null) {
      try {
        audience = audience(request.audience(), errors);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("audience", e.getMessage()));
      }
    }
    if (request.providerId() != null) {
      providers
          .find(request.providerId())
          .ifPresentOrElse(
              provider ->
                  missingPlaceholders(
                          provider, request.subject(), request.html(), request.placeholders())
                      .ifPresent(message -> errors.add(new FieldError("placeholders", message))),
              () ->
                  errors.add(
                      new FieldError(
                          "providerId", "there is no provider " + request.providerId())));
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparing(FieldError::field));
      throw RequestRejected.invalid(errors);
    }
    Campaign campaign =
        new Campaign(
            request.name().strip(),
            request.providerId(),
            request.subject(),
            request.fromName(),
            request.html(),
            json(request.placeholders()),
            audience);
    campaigns.add(campaign);
    return view(campaign);
  }

  /** Starts sending; the answer comes at once, the sending goes on in the background. */
  public CampaignResponse launch(long id) {
    Campaign campaign = lock(id);
    if (campaign.status() != CampaignStatus.DRAFT) {
      throw RequestRejected.conflict(
          "NOT_A_DRAFT", "The campaign is " + campaign.status() + ", not a draft");
    }
    Provider provider =
        campaign.providerId() != null
            ? providers
                .find(campaign.providerId())
                .orElseThrow(
                    () ->
                        RequestRejected.conflict(
                            "NO_PROVIDER", "The campaign's provider was deleted"))
            : providers
                .findDefault()
                .orElseThrow(
                    () ->
                        RequestRejected.conflict(
                            "NO_PROVIDER", "There is no provider to send through"));
    missingPlaceholders(provider, campaign.subject(), campaign.html(), placeholders(campaign))
        .ifPresent(
            message -> {
              throw RequestRejected.invalid("placeholders", message);
            });
    if (provider.preferenceCenter().mode() != PreferenceCenter.Mode.NONE) {
      publicUrl
          .refusal()
          .ifPresent(
              problem -> {
                throw new RequestRejected(
                    RequestRejected.Reason.INVALID,
                    "INSECURE_PUBLIC_URL",
                    problem
                        + ". "
                        + provider.nickname()
                        + " puts unsubscribe links into every email: set MAILHUB_PUBLIC_URL to the"
                        + " https address recipients reach mailhub at, or"
                        + " MAILHUB_PUBLIC_URL_INSECURE=true for a local trial",
                    List.of());
              });
    }
    campaign.launch(provider.id());
    messages.prepare(id);
    return view(campaign);
  }

  public CampaignResponse cancel(long id) {
    Campaign campaign = lock(id);
    if (campaign.status() != CampaignStatus.DRAFT && campaign.status() != CampaignStatus.SENDING) {
      throw RequestRejected.conflict(
          "NOT_CANCELLABLE", "A " + campaign.status() + " campaign cannot be cancelled");
    }
    // the recipients still waiting count as cancelled at once; their records are written as their
    // dispatch messages come up, and a chunk being sent stops within 250 ms
    campaign.cancel();
    return view(campaign);
  }

  public CampaignResponse get(long id) {
    return view(campaigns.find(id).orElseThrow(() -> notFound(id)));
  }

  /** A page of the campaigns, newest first. */
  public Page<CampaignResponse> page(int page, int size) {
    return new Page<>(list(page, size), page, size, campaigns.count());
  }

  /** {@link #page} without the total. */
  public List<CampaignResponse> list(int page, int size) {
    List<Campaign> found = campaigns.page(page, size);
    List<Long> ids = found.stream().map(Campaign::id).toList();
    var counts = sends.counts(ids);
    var failovers = routes.failovers(ids);
    return found.stream()
        .map(
            c ->
                view(
                    c,
                    counts.getOrDefault(c.id(), Map.of()),
                    failovers.getOrDefault(c.id(), List.of())))
        .toList();
  }

  /**
   * One page of the campaign's recipients: their send records, then those still waiting in dispatch
   * chunks (QUEUED, or SENDING while their chunk is being sent), which have no id yet. The total
   * counts both, as the campaign's counts do: the records through the campaign and status index,
   * the waiting ones from their chunks' sizes.
   */
  public Page<SendResponse> sends(long id, SendStatus status, int page, int size) {
    Campaign campaign = campaigns.find(id).orElseThrow(() -> notFound(id));
    long records = sends.countRecords(id, status);
    Map<SendStatus, Long> unrecorded = chunks.waiting(List.of(id)).getOrDefault(id, Map.of());
    long waiting =
        status == null
            ? unrecorded.values().stream().mapToLong(Long::longValue).sum()
            : unrecorded.getOrDefault(status, 0L);
    long offset = (long) page * size;
    List<SendResponse> found = new ArrayList<>();
    if (offset < records) {
      found.addAll(withOutcomes(sends.page(id, status, page, size)));
    }
    if (found.size() < size && waiting > 0) {
      found.addAll(waiting(campaign, status, Math.max(0, offset - records), size - found.size()));
    }
    return new Page<>(found, page, size, records + waiting);
  }

  /** The recipients still waiting in dispatch chunks, from {@code offset} on. */
  public List<SendResponse> waiting(long id, long offset, int size) {
    Campaign campaign = campaigns.find(id).orElseThrow(() -> notFound(id));
    return waiting(campaign, null, offset, size);
  }

  private List<SendResponse> waiting(Campaign campaign, SendStatus status, long offset, int size) {
    return chunks.waitingRecipients(campaign.id(), campaign.status(), status, offset, size).stream()
        .map(
            w ->
                new SendResponse(
                    null,
                    w.recipient().email(),
                    w.recipient().meta(),
                    w.status(),
                    null,
                    w.error(),
                    w.attempts(),
                    w.updatedAt(),
                    null,
                    w.error(),
                    null))
        .toList();
  }

  /**
   * The campaign's send records with ids above {@code afterId}, in id order; each call is a short
   * transaction of its own, so that an export of any size pages through them.
   */
  public List<SendResponse> sendsAfter(long id, long afterId, int size) {
    campaigns.find(id).orElseThrow(() -> notFound(id));
    return withOutcomes(sends.after(id, afterId, size));
  }

  /**
   * The {@code $$name} values a campaign needs: those of the provider's template (the current
   * default provider's when {@code providerId} is null) and of the subject and HTML.
   */
  public Set<String> placeholderNames(Long providerId, String subject, String html) {
    Optional<Provider> provider =
        providerId == null ? providers.findDefault() : providers.find(providerId);
    return needed(provider.orElse(null), subject, html);
  }

  private Audience audience(CampaignRequest.AudienceRequest request, List<FieldError> errors) {
    return switch (request.type()) {
      case ALL -> Audience.all();
      case PROPERTY -> Audience.property(request.property(), request.value());
      case EMAILS -> {
        List<String> emails = request.emails() == null ? List.of() : request.emails();
        List<String> invalid =
            emails.stream().filter(e -> e == null || !ProfileRules.isAddress(e.strip())).toList();
        if (!invalid.isEmpty()) {
          errors.add(new FieldError("audience.emails", "not valid addresses: " + first(invalid)));
          yield null;
        }
        Set<String> wanted =
            emails.stream()
                .map(Profile::normalize)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> known = new java.util.HashSet<>();
        List<String> all = List.copyOf(wanted);
        for (int from = 0; from < all.size(); from += 1000) {
          known.addAll(profiles.knownAmong(all.subList(from, Math.min(from + 1000, all.size()))));
        }
        List<String> unknown = wanted.stream().filter(e -> !known.contains(e)).toList();
        if (!unknown.isEmpty()) {
          errors.add(
              new FieldError(
                  "audience.emails", "not profiles (import them first): " + first(unknown)));
          yield null;
        }
        yield Audience.emails(all);
      }
    };
  }

  /** The campaign-level placeholders the provider's template or the content use without a value. */
  private java.util.Optional<String> missingPlaceholders(
      Provider provider, String subject, String html, Map<String, String> values) {
    Set<String> needed = needed(provider, subject, html);
    Map<String, String> given = values == null ? Map.of() : values;
    List<String> missing = needed.stream().filter(name -> given.get(name) == null).toList();
    if (missing.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        "missing values for "
            + missing.stream().map(name -> "$$" + name).collect(Collectors.joining(", "))
            + " (give them as placeholders: {\""
            + missing.get(0)
            + "\": \"...\"})");
  }

  private Set<String> needed(Provider provider, String subject, String html) {
    Set<String> needed = new LinkedHashSet<>();
    if (provider != null) {
      needed.addAll(providerSettings.campaignPlaceholders(provider));
    }
    needed.addAll(Template.placeholders(subject));
    needed.addAll(Template.placeholders(html));
    needed.removeAll(Template.BUILT_IN);
    return needed;
  }

  private Campaign lock(long id) {
    return campaigns.lock(id).orElseThrow(() -> notFound(id));
  }

  private static RequestRejected notFound(long id) {
    return RequestRejected.notFound("There is no campaign " + id);
  }

  private static String first(List<String> values) {
    String listed =
        values.stream().limit(10).map(String::valueOf).collect(Collectors.joining(", "));
    return values.size() > 10 ? listed + " and " + (values.size() - 10) + " more" : listed;
  }

  private static String json(Map<String, String> placeholders) {
    JsonObjectBuilder object = JSON.createObjectBuilder();
    if (placeholders != null) {
      new TreeMap<>(placeholders)
          .forEach(
              (name, value) -> {
                if (value != null) object.add(name, value);
              });
    }
    return object.build().toString();
  }

  private static Map<String, String> placeholders(Campaign campaign) {
    Map<String, String> values = new TreeMap<>();
    try (var reader = JSON.createReader(new java.io.StringReader(campaign.placeholders()))) {
      reader
          .readObject()
          .forEach(
              (name, value) -> values.put(name, ((jakarta.json.JsonString) value).getString()));
    }
    return values;
  }

  private CampaignResponse view(Campaign c) {
    if (c.id() == null) {
      return view(c, Map.of(), List.of());
    }
    return view(
        c,
        sends.counts(List.of(c.id())).getOrDefault(c.id(), Map.of()),
        routes.failovers(List.of(c.id())).getOrDefault(c.id(), List.of()));
  }

  private CampaignResponse view(
      Campaign c,
      Map<SendStatus, Long> byStatus,
      List<org.mailhub.dispatch.CampaignFailover> failovers) {
    Audience a = c.audience();
    CampaignResponse.Counts counts = CampaignResponse.Counts.of(byStatus);
    return new CampaignResponse(
        c.id(),
        c.name(),
        c.providerId(),
        c.status(),
        counts,
        c.subject(),
        c.fromName(),
        c.html(),
        placeholders(c),
        new CampaignResponse.AudienceView(
            a.type(),
            a.type() == Audience.Type.EMAILS ? a.emailList() : null,
            a.property(),
            a.value()),
        c.failure(),
        c.createdAt(),
        c.launchedAt(),
        c.finishedAt(),
        routes.views(failovers),
        routes.providers(c, byStatus, !failovers.isEmpty()),
        expectedFinish(c, goesThrough(c, failovers), counts.queued()));
  }

  /**
   * The provider the campaign goes through now: its own, or the last backup it failed over to; none
   * for a draft without a provider.
   */
  private static Long goesThrough(
      Campaign c, List<org.mailhub.dispatch.CampaignFailover> failovers) {
    if (failovers.isEmpty()) {
      return c.providerId();
    }
    return failovers.get(failovers.size() - 1).toProviderId();
  }

  /**
   * When a sending campaign's waiting recipients will have been sent at the rate limit of the
   * provider it goes through now (its own, or the backup it failed over to), as if it had the
   * provider to itself; null without a limit.
   */
  private Instant expectedFinish(Campaign c, Long providerId, long queued) {
    if (c.status() != CampaignStatus.SENDING || providerId == null || queued == 0) {
      return null;
    }
    Provider provider = providers.find(providerId).orElse(null);
    if (provider == null || !provider.rateLimit().isLimited()) {
      return null;
    }
    return paces
        .find(provider.id())
        .orElseGet(() -> new ProviderPace(provider.id()))
        .expectedFinish(Instant.now(), queued, provider.rateLimit());
  }

  /**
   * The records with the latest event their provider reported about each and the description of the
   * latest failure it reported, from the event log.
   */
  private List<SendResponse> withOutcomes(List<SendRecord> records) {
    List<Long> ids = records.stream().map(SendRecord::id).toList();
    Map<Long, DeliveryEventType> outcomes = events.latestTypes(ids);
    Map<Long, String> failures = events.latestFailureDescriptions(ids);
    return records.stream()
        .map(r -> SendResponse.of(r, outcomes.get(r.id()), failures.get(r.id())))
        .toList();
  }

  /**
   * One recipient's send record as clients see it, with the latest event its provider reported;
   * {@code description} tells what went wrong: the description of the latest failure the provider
   * reported (a bounce's reason), else the send-time error.
   */
  public record SendResponse(
      Long id,
      String email,
      String meta,
      SendStatus status,
      String messageId,
      String error,
      int attempts,
      java.time.Instant updatedAt,
      DeliveryEventType outcome,
      String description,
      @org.eclipse.microprofile.openapi.annotations.media.Schema(
              description =
                  "The provider that was called for this email (a backup, when the campaign failed"
                      + " over); null while it waits.")
          Long providerId) {
    static SendResponse of(SendRecord r, DeliveryEventType outcome, String failure) {
      return new SendResponse(
          r.id(),
          r.email(),
          r.meta(),
          r.status(),
          r.messageId(),
          r.error(),
          r.attempts(),
          r.updatedAt(),
          outcome,
          failure != null ? failure : r.error(),
          r.providerId());
    }
  }
}
