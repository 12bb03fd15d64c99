package org.mailhub.esp.ses;

import java.io.IOException;
import java.net.URI;

/**
 * The calls mailhub makes to Amazon SNS: fetching a signing certificate and confirming a
 * subscription, each a GET of a URL that SNS gave in a message checked beforehand. A port, so that
 * tests give certificates and record confirmations without SNS.
 */
public interface SnsHttp {

  /**
   * The body of a GET of the URL.
   *
   * @throws IOException when there is no answer, or a 5xx: worth a retry
   * @throws org.mailhub.callback.WebhookRefused when SNS answers 4xx: it has no such resource
   */
  String get(URI url) throws IOException;
}
