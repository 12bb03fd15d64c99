package org.mailhub.esp.ses;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.mailhub.esp.CallFailure;
import org.mailhub.esp.HttpExchange;

/** {@link SnsHttp} through the gateways' HTTP exchange: its client, timeouts and destinations. */
@ApplicationScoped
public class SnsHttpClient implements SnsHttp {

  @Inject HttpExchange http;

  @Override
  public String get(URI url) throws IOException {
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(url).GET());
    } catch (CallFailure e) {
      throw new IOException(e.getMessage(), e);
    }
    if (response.statusCode() / 100 == 4) {
      // SNS has no such certificate or subscription: asking again will not help
      throw new org.mailhub.callback.WebhookRefused(
          "GET " + url + " answered " + response.statusCode() + ": no such resource at SNS");
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET "
              + url
              + " answered "
              + response.statusCode()
              + ": "
              + HttpExchange.excerpt(response.body()));
    }
    return response.body();
  }
}
