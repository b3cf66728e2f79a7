package org.anchorwatch.messaging;

import org.anchorwatch.errors.AnchorwatchException;

/**
 * One handler per message type (web-eid's pattern). A handler validates its own fields and
 * returns the reply's {@code result}; it renders a service's answer and holds no logic of its own.
 */
public interface Handler {
  String type();

  Object handle(Request request, HostContext context) throws AnchorwatchException;
}
