package org.mailhub.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailhub.infrastructure.RequestRejected;

class SuppressionServiceTest {

  private final SuppressionService service = new SuppressionService();

  @Test
  void onlyValidAddressesAreSuppressed() {
    for (String email : new String[] {null, " "}) {
      assertRejected(email, "is missing");
    }
    for (String email : new String[] {"bob", "bob@localhost", "Bob <bob@example.com>"}) {
      assertRejected(email, "is not a valid address");
    }
    assertRejected("a".repeat(320) + "@example.com", "is longer than 320 characters");
  }

  private void assertRejected(String email, String problem) {
    RequestRejected rejected =
        assertThrows(
            RequestRejected.class,
            () -> service.add(new SuppressionRequest(email, null)),
            String.valueOf(email));

    assertEquals(List.of(new RequestRejected.FieldError("email", problem)), rejected.fieldErrors());
  }
}
