// Starts Swagger UI on /api/docs from the local bundle (no inline script, no CDN).
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout",
    withCredentials: true,
    requestInterceptor: function (request) {
      var csrf = window.sessionStorage.getItem("mpm-csrf");
      if (csrf && request.method !== "GET") request.headers["X-CSRF-Token"] = csrf;
      return request;
    },
  });
});
