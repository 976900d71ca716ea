package io.lfp.security.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/** A plain Vert.x route, like the dashboard's static files, under the HTTP permission of /page/*. */
@ApplicationScoped
public class PageRoute {

    void install(@Observes Router router) {
        router.get("/page/index.html").handler(request -> request.response().putHeader("Content-Type", "text/html")
                .end("<p>page</p>"));
    }
}
