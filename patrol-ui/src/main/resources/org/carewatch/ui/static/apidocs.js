// The /api/docs page's initializer (a file, since the CSP forbids inline scripts): Swagger UI over our
// OpenAPI file. No validator badge (it would call a third-party site); "Try it out" sends the console
// session's CSRF token when the page has one, so changes made with the session cookie are accepted.
window.addEventListener('DOMContentLoaded', () => {
  const node = document.getElementById('swagger-ui');
  const csrf = document.querySelector('meta[name="csrf-token"]');
  window.ui = SwaggerUIBundle({
    url: node.dataset.spec,
    domNode: node,
    deepLinking: true,
    validatorUrl: null,
    requestInterceptor: (req) => {
      if (csrf) {
        req.headers['X-CSRF-Token'] = csrf.content;
      }
      return req;
    },
  });
});
