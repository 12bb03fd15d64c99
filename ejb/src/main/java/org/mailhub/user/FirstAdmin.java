package org.mailhub.user;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On the first start (no users yet) creates the first admin from {@code MAILHUB_ADMIN_USER} and
 * {@code MAILHUB_ADMIN_PASSWORD}, or, when they are unset, an admin called "admin" with a random
 * password that is printed once in the server log. mailhub ships no default password. When the
 * nodes of a new cluster start together, one of them creates it (and prints its password).
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FirstAdmin {

  private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject UserRepository users;
  @Inject UserService userService;

  @Inject
  @ConfigProperty(name = "mailhub.admin.user")
  Optional<String> configuredName;

  @Inject
  @ConfigProperty(name = "mailhub.admin.password")
  Optional<String> configuredPassword;

  @PostConstruct
  void createFirstAdmin() {
    if (users.count() > 0) {
      return; // the usual start; the service looks again, in its transaction
    }
    String name = configuredName.map(String::strip).filter(n -> !n.isEmpty()).orElse("admin");
    String nameProblem = User.usernameProblem(name);
    if (nameProblem != null) {
      LOG.severe("MAILHUB_ADMIN_USER " + nameProblem + "; the first admin is called admin");
      name = "admin";
    }
    Optional<String> password = configuredPassword.filter(p -> !p.isEmpty());
    String passwordProblem = password.map(User::passwordProblem).orElse(null);
    if (passwordProblem != null) {
      LOG.severe(
          "MAILHUB_ADMIN_PASSWORD "
              + passwordProblem
              + ", so it is not used: a random password is printed below instead");
      password = Optional.empty();
    }
    String chosen = password.orElseGet(FirstAdmin::randomPassword);
    try {
      if (!userService.createFirstAdmin(name, chosen)) {
        return;
      }
    } catch (EJBException raced) {
      if (users.count() == 0) {
        throw raced; // not a race: the database refused it
      }
      // the nodes of a new cluster start together: one of them creates the first admin
      LOG.info("Another node created the first admin at the same moment");
      return;
    }
    if (password.isPresent()) {
      LOG.info("Created the first admin, " + name + ", with MAILHUB_ADMIN_PASSWORD");
    } else {
      LOG.warning(
          "Created the first admin. Sign in to /admin/ as "
              + name
              + " with the password "
              + chosen
              + " and keep it safe: it is printed only this once. Set MAILHUB_ADMIN_USER and"
              + " MAILHUB_ADMIN_PASSWORD before the first start to choose them instead.");
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[15];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
