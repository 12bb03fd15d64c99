/*
 * The API reference: Swagger UI (org.webjars:swagger-ui) showing mailhub's own OpenAPI document. "Authorize"
 * takes a user's name and password (basicAuth) or an API key (bearerAuth), which "Try it out" then sends.
 */
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: new URL('../openapi?format=JSON', window.location.href).href,
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    // no call to swagger.io's online validator: the document stays on this server
    validatorUrl: null,
    // mailhub refuses a POST without a JSON body type unless it says it comes from a program
    // (no other site's form can send this header); launch and cancel have no body
    requestInterceptor: function (request) {
      request.headers['X-Requested-By'] = 'mailhub API reference';
      return request;
    }
  });
});
