/**
 * Routes served outside the web container where the server allows it: on Payara, a Grizzly
 * handler the HTTP listener calls before Catalina's pipeline; elsewhere the route's own servlet
 * serves, with the same answers ({@link DirectRoutes}).
 */
package dev.crosslinkhub.api.direct;
