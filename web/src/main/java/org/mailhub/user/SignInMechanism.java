package org.mailhub.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.mailhub.infrastructure.BasicCredentials;
import org.mailhub.rest.ErrorPage;

/**
 * How people and programs sign in. People use the sign-in page, which keeps them signed in through
 * their session; programs send an API key ({@code Authorization: Bearer mh_...}, the REST API and
 * the Prometheus scrape only) or HTTP basic credentials with every call. The session is trusted for
 * the REST API's reads only (the UI's CSV links), so that no other site can make a signed-in
 * browser change anything. Which paths need which role is in web.xml.
 */
@ApplicationScoped
public class SignInMechanism implements HttpAuthenticationMechanism {

  /** The session attribute that holds the signed-in user name. */
  static final String SIGNED_IN = "mailhub.user";

  static final String SIGN_IN_PAGE = "/admin/login.xhtml";

  /** The request attribute in which a refused sign-in on the page says why, when not a mistype. */
  static final String REFUSED = "mailhub.signInRefused";

  private static final String BASIC_CHALLENGE = "Basic realm=\"mailhub\", charset=\"UTF-8\"";
  private static final String BEARER_CHALLENGE = "Bearer realm=\"mailhub\"";

  @Inject IdentityStoreHandler identities;
  @Inject UserService users;
  @Inject ApiKeyService keys;
  @Inject SignInThrottle throttle;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential submitted = context.getAuthParameters().getCredential();
    if (context.isAuthenticationRequest() && submitted instanceof UsernamePasswordCredential form) {
      String address = request.getRemoteAddr();
      Optional<Duration> wait = throttle.lockedFor(form.getCaller(), address);
      if (wait.isPresent()) {
        request.setAttribute(REFUSED, tooMany(wait.get()));
        return AuthenticationStatus.SEND_FAILURE;
      }
      try {
        return signIn(request, context, checked(form, address));
      } catch (Passwords.Busy busy) {
        request.setAttribute(REFUSED, busy.getMessage());
        return AuthenticationStatus.SEND_FAILURE;
      }
    }
    if (!context.isProtected()) {
      // webhooks, preference pages, the sign-in page: their Authorization headers are not ours
      return context.doNothing();
    }
    Optional<String> bearer = bearer(request.getHeader("Authorization"));
    if (bearer.isPresent() && !isUi(request)) {
      // an API key: the program's every call carries it, so no session is kept
      var key = keys.authenticate(bearer.get());
      if (key.isPresent()) {
        return context.notifyContainerAboutLogin(
            ApiKey.callerName(key.get().name()), Set.of(key.get().role().roleName()));
      }
      return refuse(
          request,
          response,
          context,
          "The API key is wrong or revoked.",
          BEARER_CHALLENGE + ", error=\"invalid_token\"");
    }
    var basic = BasicCredentials.decode(request.getHeader("Authorization"));
    if (basic.isPresent()) {
      UsernamePasswordCredential credential = credential(basic.get());
      Optional<Duration> wait = throttle.lockedFor(credential.getCaller(), request.getRemoteAddr());
      if (wait.isPresent()) {
        response.setHeader("Retry-After", String.valueOf(wait.get().toSeconds() + 1));
        return sendError(request, response, 429, tooMany(wait.get()));
      }
      CredentialValidationResult result;
      try {
        result = checked(credential, request.getRemoteAddr());
      } catch (Passwords.Busy busy) {
        response.setHeader("Retry-After", "1");
        return sendError(request, response, 503, busy.getMessage());
      }
      return result.getStatus() == CredentialValidationResult.Status.VALID
          ? context.notifyContainerAboutLogin(result)
          : refuse(request, response, context, "Wrong user name or password.", BASIC_CHALLENGE);
    }
    HttpSession session = request.getSession(false);
    String name = session == null ? null : (String) session.getAttribute(SIGNED_IN);
    // the session is a browser's: it works the admin UI, and reads the API (the UI's CSV links);
    // it never changes anything through the API, whatever form the path takes
    if (name != null && (isUi(request) || isRead(request))) {
      var role = users.roleOf(name);
      if (role.isPresent()) {
        return context.notifyContainerAboutLogin(name, Set.of(role.get().roleName()));
      }
      session.invalidate();
    }
    if (!isUi(request)) {
      return refuse(
          request,
          response,
          context,
          "Sign in with an API key (Authorization: Bearer mh_...) or HTTP basic authentication (the"
              + " user name and password of a mailhub user).",
          BASIC_CHALLENGE,
          BEARER_CHALLENGE);
    }
    return toSignInPage(request, response, context);
  }

  /** Checks the password and counts the outcome for the throttle. */
  private CredentialValidationResult checked(
      UsernamePasswordCredential credential, String address) {
    CredentialValidationResult result = identities.validate(credential);
    if (result.getStatus() == CredentialValidationResult.Status.VALID) {
      throttle.succeeded(credential.getCaller(), address);
    } else {
      throttle.failed(credential.getCaller(), address);
    }
    return result;
  }

  static String tooMany(Duration wait) {
    return "Too many failed sign-ins for this account or from this address: try again in "
        + (wait.toSeconds() + 1)
        + " s.";
  }

  /** An error answer of the container's error pages (org.mailhub.rest.ErrorPage): JSON. */
  private static AuthenticationStatus sendError(
      HttpServletRequest request, HttpServletResponse response, int status, String message) {
    request.setAttribute(ErrorPage.REASON, message);
    try {
      response.sendError(status);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  @Override
  public void cleanSubject(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext httpMessageContext) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.removeAttribute(SIGNED_IN);
    }
  }

  private AuthenticationStatus signIn(
      HttpServletRequest request, HttpMessageContext context, CredentialValidationResult result) {
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      return AuthenticationStatus.SEND_FAILURE;
    }
    request.getSession(true);
    request.changeSessionId();
    request.getSession().setAttribute(SIGNED_IN, result.getCallerPrincipal().getName());
    return context.notifyContainerAboutLogin(result);
  }

  /** 401, with a JSON body for the API (org.mailhub.rest.ErrorPage). */
  private static AuthenticationStatus refuse(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      String message,
      String... challenges) {
    if (!isUi(request)) {
      if (!isBrowser(request)) {
        // a browser would ask for credentials and then send them with other sites' forms too
        for (String challenge : challenges) {
          response.addHeader("WWW-Authenticate", challenge);
        }
      }
      request.setAttribute(ErrorPage.REASON, message);
    }
    return context.responseUnauthorized();
  }

  /** To the sign-in page, coming back afterwards; an Ajax request is told so in its own terms. */
  private static AuthenticationStatus toSignInPage(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String back = request.getRequestURI().substring(request.getContextPath().length());
    if (request.getQueryString() != null && "GET".equals(request.getMethod())) {
      back += "?" + request.getQueryString();
    }
    String target =
        request.getContextPath()
            + SIGN_IN_PAGE
            + "?next="
            + URLEncoder.encode(back, StandardCharsets.UTF_8);
    if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
      try {
        response.setContentType("text/xml");
        response.setCharacterEncoding("UTF-8");
        response
            .getWriter()
            .write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + target.replace("&", "&amp;").replace("\"", "&quot;")
                    + "\"/></partial-response>");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return AuthenticationStatus.SEND_CONTINUE;
    }
    return context.redirect(target);
  }

  /**
   * The token of an {@code Authorization: Bearer} header (RFC 6750), possibly empty; nothing for
   * any other scheme.
   */
  static Optional<String> bearer(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String value = authorization.strip();
    boolean bearer =
        value.regionMatches(true, 0, "Bearer", 0, 6)
            && (value.length() == 6 || value.charAt(6) == ' ');
    return bearer ? Optional.of(value.substring(6).strip()) : Optional.empty();
  }

  /** {@code user:password} as a credential; without a colon it matches no user. */
  private static UsernamePasswordCredential credential(String basic) {
    int colon = basic.indexOf(':');
    return colon < 0
        ? new UsernamePasswordCredential("", "")
        : new UsernamePasswordCredential(basic.substring(0, colon), basic.substring(colon + 1));
  }

  /**
   * A page of the admin UI: served by the Faces servlet (web.xml maps it to /admin/*), as the
   * container resolved the path, so that no spelling of another path ({@code /api;x/...}, {@code
   * /admin/../api/...}, encodings) passes for one.
   */
  private static boolean isUi(HttpServletRequest request) {
    return "/admin".equals(request.getServletPath());
  }

  /** Browsers say where their requests come from (Fetch Metadata) or that they want a page. */
  private static boolean isBrowser(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return request.getHeader("Sec-Fetch-Mode") != null
        || request.getHeader("Sec-Fetch-Site") != null
        || (accept != null && accept.contains("text/html"));
  }

  private static boolean isRead(HttpServletRequest request) {
    return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
  }
}
