/** Work sessions: an agent starts one, says what it works on, and ends it with hand-off notes. */
package dev.crosslinkhub.sessions;
