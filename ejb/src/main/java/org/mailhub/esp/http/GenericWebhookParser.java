package org.mailhub.esp.http;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailhub.callback.DeliveryEventType;
import org.mailhub.callback.Incoming;
import org.mailhub.callback.Parsed;
import org.mailhub.callback.Unprocessed;
import org.mailhub.callback.WebhookJson;
import org.mailhub.callback.WebhookParser;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.provider.ProviderType;

/**
 * The generic v2 callback payload: {@code {"version": "v2", "events": {"failed": [...], "clicked":
 * [...]}}}, each event {@code {type, email, meta, description}}, at most 1000 per request.
 */
@ApplicationScoped
public class GenericWebhookParser implements WebhookParser {

  static final int MAX_EVENTS = 1000;

  private static final Map<String, DeliveryEventType> TYPES =
      Map.of(
          "hard_bounce", DeliveryEventType.HARD_BOUNCE,
          "soft_bounce", DeliveryEventType.SOFT_BOUNCE,
          "spam", DeliveryEventType.SPAM,
          "unsubscribed", DeliveryEventType.UNSUBSCRIBED,
          "clicked", DeliveryEventType.CLICKED);

  private static final List<String> GROUPS = List.of("failed", "clicked");

  @Override
  public ProviderType type() {
    return ProviderType.GENERIC_HTTP;
  }

  @Override
  public boolean requiresKnownMeta() {
    return true;
  }

  @Override
  public Parsed parse(String body) {
    if (body == null || body.isBlank() || body.strip().equals("[]")) {
      return new Parsed(0, List.of(), List.of());
    }
    if (!(WebhookJson.parse(body) instanceof JsonObject root)) {
      throw RequestRejected.invalid(
          "body", "must be a JSON object {\"version\": \"v2\", \"events\": {...}}");
    }
    if (!"v2".equals(WebhookJson.text(root, "version"))) {
      throw RequestRejected.invalid("version", "must be v2");
    }
    if (!(root.get("events") instanceof JsonObject groups)) {
      throw RequestRejected.invalid(
          "events", "must be an object of event groups (failed, clicked)");
    }
    int total =
        groups.values().stream()
            .mapToInt(
                v -> v.getValueType() == JsonValue.ValueType.ARRAY ? v.asJsonArray().size() : 1)
            .sum();
    if (total > MAX_EVENTS) {
      throw new RequestRejected(
          RequestRejected.Reason.INVALID,
          "TOO_MANY_EVENTS",
          "More than allowed events received",
          List.of(
              new RequestRejected.FieldError(
                  "events", total + " events; at most " + MAX_EVENTS + " per request")));
    }
    List<Incoming> events = new ArrayList<>();
    List<Unprocessed> unprocessed = new ArrayList<>();
    int index = 0;
    Instant now = Instant.now();
    for (var group : groups.entrySet()) {
      List<JsonValue> members =
          group.getValue().getValueType() == JsonValue.ValueType.ARRAY
              ? group.getValue().asJsonArray()
              : List.of(group.getValue());
      for (JsonValue member : members) {
        int at = index++;
        String problem = null;
        if (!GROUPS.contains(group.getKey())) {
          problem = "unknown event group " + group.getKey() + " (failed or clicked)";
        } else if (!(member instanceof JsonObject)) {
          problem = "not a JSON object";
        }
        if (problem != null) {
          unprocessed.add(new Unprocessed(at, member, problem));
          continue;
        }
        JsonObject event = member.asJsonObject();
        String typeName = WebhookJson.text(event, "type");
        DeliveryEventType type =
            typeName == null ? null : TYPES.get(typeName.toLowerCase(Locale.ROOT));
        String email = WebhookJson.text(event, "email");
        String meta = WebhookJson.text(event, "meta");
        if (typeName == null) {
          problem = "missing type";
        } else if (type == null) {
          problem =
              "unknown type "
                  + typeName
                  + " (hard_bounce, soft_bounce, spam, unsubscribed, clicked)";
        } else if (email == null) {
          problem = "missing email";
        } else if (meta == null) {
          problem = "missing meta";
        }
        if (problem != null) {
          unprocessed.add(new Unprocessed(at, event, problem));
        } else {
          events.add(
              new Incoming(
                  at,
                  type,
                  email,
                  meta,
                  null,
                  now,
                  WebhookJson.text(event, "description"),
                  null,
                  event));
        }
      }
    }
    return new Parsed(total, events, unprocessed);
  }

  @Override
  public JsonObject answer(int total, int processed, List<Unprocessed> unprocessed) {
    JsonArrayBuilder rejected = JSON.createArrayBuilder();
    for (Unprocessed u : unprocessed) {
      rejected.add(
          u.event() instanceof JsonObject event
              ? JSON.createObjectBuilder(event).add("reason", u.reason())
              : JSON.createObjectBuilder().add("event", u.event()).add("reason", u.reason()));
    }
    return JSON.createObjectBuilder()
        .add("TOTAL_EVENTS", total)
        .add("PROCESSED_EVENTS", processed)
        .add("UNPROCESSED_EVENTS", rejected)
        .build();
  }
}
