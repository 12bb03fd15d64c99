package org.mailhub.provider;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonPointer;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.validation.Validator;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mailhub.esp.Bound;
import org.mailhub.esp.EmailGateway;
import org.mailhub.esp.Gateways;
import org.mailhub.infrastructure.RequestRejected;
import org.mailhub.infrastructure.RequestRejected.FieldError;

/**
 * The type-specific settings of providers: read from the request into the gateway's settings
 * record, checked, sealed for storage, and shown with their secrets masked.
 */
@ApplicationScoped
public class ProviderSettings {

  /** Shown instead of a secret; sending it back keeps the stored secret. */
  static final String MASK = "••••";

  private final Jsonb jsonb = JsonbBuilder.create();

  @Inject Gateways gateways;
  @Inject org.mailhub.esp.Destinations destinations;
  @Inject SecretBox box;
  @Inject Validator validator;

  /**
   * The requested settings as the type's settings record, with stored secrets kept where the
   * request leaves them out or sends them back masked.
   *
   * @param fromAddress the provider's From address as requested, which settings may have to agree
   *     with
   * @throws RequestRejected naming each invalid field as {@code settings.<field>}, and each key the
   *     type's settings record does not know
   */
  Object accept(ProviderType type, JsonObject requested, Provider stored, String fromAddress) {
    EmailGateway<?> gateway = gateways.of(type);
    List<FieldError> malformed = SettingsShape.of(type, gateway.settingsType()).problems(requested);
    if (!malformed.isEmpty()) {
      throw RequestRejected.invalid(malformed);
    }
    JsonObject merged = requested;
    if (stored != null && stored.type() == type) {
      JsonObject before = readable(stored);
      if (connection(gateway, requested).equals(connection(gateway, before))) {
        merged = keepSecrets(gateway, requested, before);
      } else {
        requireSecretsAgain(gateway, requested, before);
      }
    }
    Object settings;
    try {
      settings = jsonb.fromJson(merged.toString(), gateway.settingsType());
    } catch (JsonbException e) {
      throw RequestRejected.invalid(
          "settings", "cannot be read as " + type + " settings: " + rootMessage(e));
    }
    List<FieldError> errors = new ArrayList<>();
    validator
        .validate(settings)
        .forEach(
            v -> errors.add(new FieldError("settings." + v.getPropertyPath(), v.getMessage())));
    if (errors.isEmpty()) {
      check(gateway, settings, fromAddress)
          .forEach(e -> errors.add(new FieldError("settings." + e.field(), e.message())));
      destinations(gateway, settings)
          .forEach(
              (field, host) ->
                  destinations
                      .refusal(host)
                      .ifPresent(why -> errors.add(new FieldError("settings." + field, why))));
    }
    if (!errors.isEmpty()) {
      throw RequestRejected.invalid(errors);
    }
    return settings;
  }

  /**
   * The stored settings, or nothing when they cannot be decrypted: then the request must repeat the
   * secrets.
   */
  private JsonObject readable(Provider stored) {
    try {
      return json(box.open(stored.sealedSettings()));
    } catch (IllegalStateException unreadable) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
  }

  /** Settings as JSON may be this long: sealed (AES-GCM, base64) they fit the 100,000 column. */
  static final int MAX_SETTINGS_LENGTH = 70_000;

  String seal(Object settings) {
    String json = jsonb.toJson(settings);
    if (json.length() > MAX_SETTINGS_LENGTH) {
      throw RequestRejected.invalid(
          "settings",
          "are " + json.length() + " characters as JSON; at most " + MAX_SETTINGS_LENGTH);
    }
    return box.seal(json);
  }

  /**
   * The provider's gateway with its settings read into the gateway's settings record, secrets in
   * clear.
   *
   * @throws IllegalStateException when the settings cannot be decrypted
   */
  public Bound<?> open(Provider provider) {
    EmailGateway<?> gateway = gateways.of(provider.type());
    return Bound.of(
        gateway, jsonb.fromJson(box.open(provider.sealedSettings()), gateway.settingsType()));
  }

  /** The {@code $$name} placeholders the provider's template needs from each campaign. */
  public Set<String> campaignPlaceholders(Provider provider) {
    return open(provider).campaignPlaceholders();
  }

  /**
   * What a person should know about the provider's settings (see {@link EmailGateway#warnings}).
   */
  public List<String> warnings(Provider provider) {
    return open(provider).warnings(provider.preferenceCenter().mode());
  }

  /** How many emails one call to the provider may carry. */
  public int batchSize(Provider provider) {
    return open(provider).batchSize();
  }

  /**
   * The provider's settings as clients see them: every secret masked, no part of it shown, and only
   * the keys a request may send back (settings stored by an older version may have others).
   */
  public JsonObject masked(Provider provider) {
    EmailGateway<?> gateway = gateways.of(provider.type());
    return masked(
        gateway,
        SettingsShape.of(provider.type(), gateway.settingsType())
            .known(json(box.open(provider.sealedSettings()))));
  }

  static JsonObject masked(EmailGateway<?> gateway, JsonObject settings) {
    JsonObject result = settings;
    for (String field : gateway.secretFields(settings)) {
      JsonPointer pointer = JSON.createPointer(field);
      if (has(pointer, result) && pointer.getValue(result) instanceof JsonString secret) {
        result = pointer.replace(result, JSON.createValue(MASK));
      }
    }
    return result;
  }

  /**
   * Where the settings send their secrets, as the gateway tells it; settings that cannot be read
   * have no known connection.
   */
  private String connection(EmailGateway<?> gateway, JsonObject settings) {
    try {
      return connectionOf(gateway, jsonb.fromJson(settings.toString(), gateway.settingsType()));
    } catch (RuntimeException unreadable) {
      return "unreadable";
    }
  }

  private static <S> String connectionOf(EmailGateway<S> gateway, Object settings) {
    return String.valueOf(gateway.connection(gateway.settingsType().cast(settings)));
  }

  /**
   * The provider now sends elsewhere: each stored secret must be in the request, in clear, or the
   * request is refused naming it, so that no stored key is sent to a server it was not meant for.
   */
  static void requireSecretsAgain(
      EmailGateway<?> gateway, JsonObject requested, JsonObject stored) {
    List<FieldError> missing = new ArrayList<>();
    for (String field : gateway.secretFields(stored)) {
      JsonPointer pointer = JSON.createPointer(field);
      if (has(pointer, stored) && !given(pointer, requested)) {
        missing.add(
            new FieldError(
                fieldName(field),
                "must be given again: the provider's endpoint or server changed, and a stored"
                    + " secret only goes where it was given for"));
      }
    }
    if (!missing.isEmpty()) {
      throw RequestRejected.invalid(missing);
    }
  }

  /**
   * Whether the JSON has a value there; Parsson throws rather than answer no when a parent is
   * missing, as when a request leaves out {@code auth} or, with a body template, {@code
   * parameters}.
   */
  private static boolean has(JsonPointer pointer, JsonObject json) {
    try {
      return pointer.containsValue(json);
    } catch (JsonException missingParent) {
      return false;
    }
  }

  private static boolean given(JsonPointer pointer, JsonObject requested) {
    return has(pointer, requested)
        && pointer.getValue(requested) instanceof JsonString secret
        && !secret.getString().isBlank()
        && !secret.getString().startsWith(MASK);
  }

  /**
   * The request with each stored secret it leaves out or sends back masked put back, where it stays
   * a secret. A secret the request makes no longer secret (unmarks) would be shown in clear: it
   * must come with its value, or is dropped when the request leaves it out.
   */
  static JsonObject keepSecrets(EmailGateway<?> gateway, JsonObject requested, JsonObject stored) {
    JsonObject result = requested;
    List<FieldError> unmarked = new ArrayList<>();
    for (String field : gateway.secretFields(stored)) {
      JsonPointer pointer = JSON.createPointer(field);
      JsonPointer parent = JSON.createPointer(field.substring(0, field.lastIndexOf('/')));
      if (given(pointer, result) || !has(pointer, stored) || !has(parent, result)) {
        continue;
      }
      JsonObject kept = pointer.add(result, pointer.getValue(stored));
      if (gateway.secretFields(kept).contains(field)) {
        result = kept;
      } else if (has(pointer, requested)) {
        unmarked.add(
            new FieldError(
                fieldName(field), "was secret: give its value again to make it visible"));
      }
    }
    if (!unmarked.isEmpty()) {
      throw RequestRejected.invalid(unmarked);
    }
    return result;
  }

  /** The request field a settings pointer names, e.g. {@code settings.headers.X-Api-Key}. */
  private static String fieldName(String pointer) {
    return "settings" + pointer.replace("/", ".").replace("~1", "/").replace("~0", "~");
  }

  private static <S> java.util.Map<String, String> destinations(
      EmailGateway<S> gateway, Object settings) {
    return gateway.destinations(gateway.settingsType().cast(settings));
  }

  private static <S> List<FieldError> check(
      EmailGateway<S> gateway, Object settings, String fromAddress) {
    return gateway.check(gateway.settingsType().cast(settings), fromAddress);
  }

  private static JsonObject json(String text) {
    try (var reader = JSON.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
