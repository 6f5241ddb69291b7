package dev.crosslinkhub.dashboard;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /crosslink/*}: crosslink's built dashboard under a path of the hub's, for a build made
 * with that base ({@code vite build --base /crosslink/}). A servlet of its own rather than the
 * WAR's default one: the folder lives outside the WAR, and deep links need the fallback to
 * {@code index.html}.
 */
@WebServlet(urlPatterns = {"/crosslink", "/crosslink/*"})
public class DashboardServlet extends HttpServlet {

    @Inject
    DashboardPages pages;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean withBody) throws IOException {
        if (request.getPathInfo() == null) {
            response.sendRedirect(request.getContextPath() + "/crosslink/");
            return;
        }
        pages.serve(request.getPathInfo(), getServletContext(), response, withBody);
    }
}
