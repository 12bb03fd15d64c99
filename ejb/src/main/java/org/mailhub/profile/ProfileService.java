package org.mailhub.profile;

import static org.mailhub.infrastructure.Jsons.JSON;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailhub.infrastructure.Page;
import org.mailhub.infrastructure.RequestRejected;

/** Profiles, upserted by address in chunks so that imports of any size stream through. */
@Stateless
public class ProfileService {

  public record Upserted(int created, int updated) {}

  @Inject ProfileRepository profiles;

  /**
   * Creates or updates one chunk of valid rows in one transaction. Properties are merged into
   * existing ones; a property set to null is removed. A later row for the same address wins.
   */
  public Upserted upsert(List<ProfileRow> rows) {
    Map<String, ProfileRow> byEmail = new LinkedHashMap<>();
    rows.forEach(
        row -> byEmail.merge(Profile.normalize(row.email()), row, ProfileService::combine));
    Map<String, Profile> existing = new HashMap<>();
    profiles.findByEmails(byEmail.keySet()).forEach(p -> existing.put(p.email(), p));
    int created = 0;
    int updated = 0;
    for (var entry : byEmail.entrySet()) {
      Profile profile = existing.get(entry.getKey());
      JsonObject properties = entry.getValue().properties();
      if (profile == null) {
        profiles.add(
            new Profile(entry.getKey(), merge(JsonValue.EMPTY_JSON_OBJECT, properties).toString()));
        created++;
      } else {
        profile.replaceProperties(merge(json(profile.properties()), properties).toString());
        updated++;
      }
    }
    return new Upserted(created, updated + rows.size() - byEmail.size());
  }

  public ProfileResponse find(String email) {
    return (ProfileRules.unstorable(email)
            ? Optional.<Profile>empty()
            : profiles.findByEmail(email))
        .map(ProfileService::view)
        .orElseThrow(() -> RequestRejected.notFound("There is no profile " + email));
  }

  /** A page of the profiles whose address contains {@code search} (all when null), newest first. */
  public Page<ProfileResponse> page(String search, int page, int size) {
    if (ProfileRules.unstorable(search)) {
      return new Page<>(List.of(), page, size, 0);
    }
    return new Page<>(list(search, page, size), page, size, profiles.count(search));
  }

  /** {@link #page} without the total, for callers that count once for many pages. */
  public List<ProfileResponse> list(String search, int page, int size) {
    return profiles.page(search, page, size).stream().map(ProfileService::view).toList();
  }

  public long count(String search) {
    return profiles.count(search);
  }

  static ProfileResponse view(Profile profile) {
    return new ProfileResponse(
        profile.id(),
        profile.email(),
        json(profile.properties()),
        profile.createdAt(),
        profile.updatedAt());
  }

  static JsonObject merge(JsonObject current, JsonObject changes) {
    JsonObjectBuilder merged = JSON.createObjectBuilder(current);
    changes.forEach(
        (name, value) -> {
          if (value.getValueType() == JsonValue.ValueType.NULL) {
            merged.remove(name);
          } else {
            merged.add(name, value);
          }
        });
    return merged.build();
  }

  private static ProfileRow combine(ProfileRow first, ProfileRow second) {
    return new ProfileRow(second.email(), merge(first.properties(), second.properties()));
  }

  static JsonObject json(String text) {
    try (var reader = JSON.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
