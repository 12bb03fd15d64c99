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
    for (String email : new String[] {null, " ", "bob", "bob@localhost", "Bob <bob@example.com>"}) {
      RequestRejected rejected =
          assertThrows(
              RequestRejected.class,
              () -> service.add(new SuppressionRequest(email, null)),
              String.valueOf(email));

      assertEquals(
          List.of(new RequestRejected.FieldError("email", "is not a valid email address")),
          rejected.fieldErrors());
    }
  }
}
