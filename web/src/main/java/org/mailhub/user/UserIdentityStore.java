package org.mailhub.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/** mailhub's own users, as Jakarta Security's identity store (WildFly runs it on Elytron). */
@ApplicationScoped
public class UserIdentityStore implements IdentityStore {

  @Inject UserService users;

  public CredentialValidationResult validate(UsernamePasswordCredential credential) {
    return users
        .signIn(credential.getCaller(), credential.getPasswordAsString())
        .map(
            role ->
                new CredentialValidationResult(
                    User.normalize(credential.getCaller()), Set.of(role.roleName())))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }
}
