// counterclaim: starts Swagger UI (/docs) or ReDoc (/redoc) from the assets that the
// fastapi-offline package ships. The pages carry no inline script (the site's CSP allows
// scripts from this server only), so the OpenAPI URL and ReDoc's style nonce come from
// data- attributes of #apidocs.
(() => {
  "use strict";
  const el = document.getElementById("apidocs");
  if (!el) return;
  const spec = el.dataset.spec;
  const sameSite = (url) => {
    const u = new URL(String(url), document.baseURI);
    return u.origin === location.origin || u.protocol === "data:";
  };
  if (el.dataset.viewer === "swagger" && window.SwaggerUIBundle) {
    window.ui = window.SwaggerUIBundle({
      url: spec,
      dom_id: "#apidocs",
      deepLinking: true,
      layout: "BaseLayout",
      presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIBundle.SwaggerUIStandalonePreset],
      validatorUrl: null, // no call to an online validator
      showExtensions: true,
    });
  } else if (el.dataset.viewer === "redoc" && window.Redoc) {
    // ReDoc's footer shows its maker's logo from a CDN: on this page an image is only ever
    // requested from this server (or a data: URL), so nothing leaves the machine.
    const img = HTMLImageElement.prototype;
    const src = Object.getOwnPropertyDescriptor(img, "src");
    Object.defineProperty(img, "src", {
      configurable: true,
      enumerable: src.enumerable,
      get() { return src.get.call(this); },
      set(value) {
        if (sameSite(value)) src.set.call(this, value);
        else this.hidden = true;
      },
    });
    const setAttribute = Element.prototype.setAttribute;
    img.setAttribute = function (name, value) {
      if (String(name).toLowerCase() === "src" && !sameSite(value)) {
        this.hidden = true;
        return undefined;
      }
      return setAttribute.call(this, name, value);
    };
    window.Redoc.init(spec, { nonce: el.dataset.nonce, hideDownloadButton: false }, el);
  }
})();
