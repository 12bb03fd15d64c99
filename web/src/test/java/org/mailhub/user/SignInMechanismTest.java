package org.mailhub.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInMechanismTest {

  @Test
  void aBearerTokenIsTakenFromTheBearerSchemeOnly() {
    assertEquals(Optional.of("mh_abc"), SignInMechanism.bearer("Bearer mh_abc"));
    assertEquals(Optional.of("mh_abc"), SignInMechanism.bearer("bearer  mh_abc "));
    assertEquals(Optional.of(""), SignInMechanism.bearer("Bearer"));
    assertEquals(Optional.of(""), SignInMechanism.bearer("Bearer   "));
    assertEquals(Optional.of("a b"), SignInMechanism.bearer("Bearer a b"));
    assertEquals(Optional.empty(), SignInMechanism.bearer("Bearerx"));
    assertEquals(Optional.empty(), SignInMechanism.bearer("Basic aXQ6c2VjcmV0"));
    assertEquals(Optional.empty(), SignInMechanism.bearer(""));
    assertEquals(Optional.empty(), SignInMechanism.bearer(null));
  }
}
