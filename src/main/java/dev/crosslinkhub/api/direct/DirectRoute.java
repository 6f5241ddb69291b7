package dev.crosslinkhub.api.direct;

/** A route that answers from what {@link DirectRequest} holds, with no servlet request around it. */
@FunctionalInterface
public interface DirectRoute {

    DirectAnswer answer(DirectRequest request);
}
