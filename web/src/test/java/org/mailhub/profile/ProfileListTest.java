package org.mailhub.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileListTest {

  @Test
  void propertiesAreShownAsTextAndLongValuesShortened() {
    var properties =
        Json.createReader(
                new StringReader(
                    "{\"name\": \"Ana\", \"score\": 42, \"vip\": true, \"bio\": \""
                        + "x".repeat(100)
                        + "\"}"))
            .readObject();

    List<ProfileList.Property> shown = ProfileList.properties(properties);

    assertEquals(
        List.of("name: Ana", "score: 42", "vip: true"),
        shown.subList(0, 3).stream().map(p -> p.name() + ": " + p.shown()).toList());
    assertEquals("x".repeat(59) + "…", shown.get(3).shown());
    assertEquals(100, shown.get(3).value().length(), "the full value stays for the tooltip");
  }

  @Test
  void manyPropertiesAreCutShort() {
    var builder = Json.createObjectBuilder();
    for (int i = 0; i < 11; i++) {
      builder.add("p" + i, i);
    }
    var profile = new ProfileResponse(1L, "ana@example.com", builder.build(), null, null);

    ProfileList page = new ProfileList();

    assertEquals(8, page.properties(profile).size());
    assertEquals(3, page.moreProperties(profile));
  }

  @Test
  void theOutcomeCountsWhatTheImportDid() {
    ImportReport report = new ImportReport();
    report.add(new ProfileService.Upserted(3, 1));
    report.reject(4, "nobody", "email is not a valid address");

    assertEquals("Imported: 3 created, 1 updated, 1 rejected", ProfileList.outcome(report));
  }

  @Test
  void aStoppedImportSaysWhyAndWhatCameBefore() {
    ImportReport empty = new ImportReport();
    empty.stop("the CSV header has no email column");
    ImportReport partial = new ImportReport();
    partial.add(new ProfileService.Upserted(2, 0));
    partial.stop("the CSV is malformed: EOF reached before encapsulated token finished");

    assertEquals(
        "The import stopped: the CSV header has no email column", ProfileList.outcome(empty));
    assertEquals(
        "The import stopped: the CSV is malformed: EOF reached before encapsulated token finished."
            + " The rows before it were imported: 2 created, 0 updated, 0 rejected",
        ProfileList.outcome(partial));
  }
}
