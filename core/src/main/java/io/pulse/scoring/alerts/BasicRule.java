package io.pulse.scoring.alerts;

import io.pulse.schema.AlertType;
import io.pulse.schema.Route;

/**
 * The fixed parts of a rule: its type, its route and its recommended action (null: the playbook's).
 */
abstract class BasicRule implements AlertRule {
    private final AlertType type;
    private final Route route;
    private final String action;

    BasicRule(AlertType type, Route route, String action) {
        this.type = type;
        this.route = route;
        this.action = action;
    }

    @Override
    public final AlertType type() {
        return type;
    }

    @Override
    public final Route route() {
        return route;
    }

    @Override
    public final String action() {
        return action;
    }
}
