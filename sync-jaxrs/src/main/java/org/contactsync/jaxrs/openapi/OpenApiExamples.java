package org.contactsync.jaxrs.openapi;

/**
 * Parameter texts and examples shared by the resources' OpenAPI annotations (annotation values must be constants).
 * The contract test validates real answers against the schemas, and these examples against them too.
 */
public final class OpenApiExamples {
    public static final String ERROR_REF = "#/components/schemas/" + OpenApiDocument.ERROR_SCHEMA;

    public static final String FORCE_FULL = "true for a full sync (re-reads everything, removes what the source no "
            + "longer has); true/false, also 1/0, any case";
    public static final String LIMIT = "Page size, 1..100";
    public static final String OFFSET = "Items to skip, 0 or more";

    public static final String STATUS = "{\"status\":\"running\",\"progress\":40,\"current_operation\":\"Reading "
            + "contacts: page 2 of 5\",\"stats\":{\"added\":120,\"updated\":3,\"deleted\":0,\"unchanged\":870,"
            + "\"errors\":0},\"started_at\":\"2024-05-01T12:00:00.123Z\",\"completed_at\":null,\"error\":null,"
            + "\"run_id\":42,\"state\":\"running\",\"type\":\"full\",\"requested_type\":\"incremental\","
            + "\"trigger\":\"manual\",\"duration_ms\":5321,\"error_detail\":null}";
    public static final String STARTED = "{\"message\":\"Sync started\",\"type\":\"incremental\",\"run_id\":43,"
            + "\"requested_type\":\"incremental\"}";
    public static final String ALREADY_RUNNING = "{\"detail\":\"Sync already running\",\"run_id\":42}";
    public static final String HISTORY = "{\"history\":[{\"id\":42,\"started_at\":\"2024-05-01T12:00:00.123Z\","
            + "\"completed_at\":\"2024-05-01T12:00:07.456Z\",\"status\":\"completed\",\"contacts_added\":120,"
            + "\"contacts_updated\":3,\"contacts_deleted\":1,\"error\":null,\"duration_ms\":7333,\"errors\":0,"
            + "\"type\":\"full\",\"trigger\":\"scheduled\",\"contacts_unchanged\":870,\"state\":\"completed\","
            + "\"requested_type\":\"incremental\"}],\"total\":57,\"limit\":10,\"offset\":0}";
    public static final String TIMELINE = "{\"timeline\":[{\"type\":\"config\",\"at\":\"2024-05-01T12:05:00Z\","
            + "\"run\":null,\"config\":{\"kind\":\"schedule\",\"actor\":\"alice\",\"summary\":\"Automatic syncs "
            + "resumed.\",\"source\":\"default\"}},{\"type\":\"run\",\"at\":\"2024-05-01T12:00:00.123Z\",\"run\":"
            + "{\"id\":42,\"started_at\":\"2024-05-01T12:00:00.123Z\",\"completed_at\":\"2024-05-01T12:00:07.456Z\","
            + "\"status\":\"completed\",\"contacts_added\":120,\"contacts_updated\":3,\"contacts_deleted\":1,"
            + "\"error\":null,\"duration_ms\":7333,\"errors\":0,\"type\":\"full\",\"trigger\":\"scheduled\","
            + "\"contacts_unchanged\":870,\"state\":\"completed\",\"requested_type\":\"incremental\"},"
            + "\"config\":null}],\"total\":61,\"limit\":10,\"offset\":0}";
    public static final String BAD_LIMIT = "{\"detail\":\"limit must be between 1 and 100, was 100000. Page "
            + "through longer lists with offset.\"}";
    public static final String CSV = "id,started_at,completed_at,status,state,type,trigger,contacts_added,"
            + "contacts_updated,contacts_deleted,contacts_unchanged,errors,duration_ms,error\r\n"
            + "42,\"2024-05-01T12:00:00.123Z\",\"2024-05-01T12:00:07.456Z\",\"completed\",\"completed\",\"full\","
            + "\"scheduled\",120,3,1,870,0,7333,\r\n";
    public static final String INFO = "{\"total_contacts\":994,\"last_sync\":\"2024-05-01T12:00:07.456Z\","
            + "\"sync_type\":\"automatic\",\"sync_interval\":\"30m\",\"sync_interval_seconds\":1800,"
            + "\"next_sync\":\"2024-05-01T12:30:00Z\",\"full_sync_interval\":\"1d\","
            + "\"full_sync_interval_seconds\":86400}";
    public static final String NO_RUN = "{\"detail\":\"No sync run with id 999.\"}";
    public static final String CANCELLED = "{\"message\":\"Cancel requested; the sync stops after the contact it is "
            + "working on.\",\"run_id\":42}";
    public static final String NOTHING_TO_CANCEL = "{\"detail\":\"No sync is running, so there is nothing to "
            + "cancel.\"}";
    public static final String PREVIEW = "{\"type\":\"full\",\"stats\":{\"added\":2,\"updated\":1,\"deleted\":1,"
            + "\"unchanged\":990,\"errors\":0},\"changes\":[{\"kind\":\"add\",\"source_id\":\"people/c123\","
            + "\"display_name\":\"Ann Lee\",\"source\":\"default\"},{\"kind\":\"delete\",\"source_id\":\"people/c9\","
            + "\"display_name\":\"Old Contact\",\"source\":\"default\"}],\"truncated\":false,\"beyond_cap\":0}";
    public static final String RUN_CHANGES = "{\"run_id\":42,\"items\":[{\"kind\":\"add\",\"source_id\":\"people/c123\","
            + "\"display_name\":\"Ann Lee\",\"source\":\"default\"},{\"kind\":\"delete\",\"source_id\":\"people/c9\","
            + "\"display_name\":\"Old Contact\",\"source\":\"default\"}],\"total\":1000,\"limit\":2,\"offset\":0,"
            + "\"beyond_cap\":250}";
    public static final String BAD_KIND = "{\"detail\":\"kind must be add, update or delete, was 'moved'. Leave it "
            + "out to list every kind.\"}";
    public static final String SOURCE_FAILED = "{\"detail\":\"Google refused the sign-in: reconnect the account.\"}";
    public static final String EVENTS = "event: status\nid: 7\nretry: 3000\ndata: {\"status\":\"running\","
            + "\"progress\":40,...}\n\nevent: finished\nid: 12\nretry: 3000\ndata: {\"status\":\"completed\",...}\n\n"
            + ": keep-alive\n";

    public static final String CONTACTS = "{\"contacts\":[{\"id\":31,\"source_id\":\"people/c4711\","
            + "\"display_name\":\"Zoë Ångström\",\"given_name\":\"Zoë\",\"family_name\":\"Ångström\","
            + "\"organization\":\"Acme Corp\",\"phones\":[{\"number\":\"+1 (555) 010-2000\",\"type\":\"work\","
            + "\"digits\":\"15550102000\",\"primary\":true}],\"emails\":[\"zoe@example.com\"],\"groups\":"
            + "[\"Friends\"],\"updated_at\":\"2024-05-01T12:00:00Z\",\"source\":\"customers\"}],\"total\":1,"
            + "\"limit\":20,\"offset\":0,\"q\":\"zoe\"}";
    public static final String DUPLICATES = "{\"groups\":[{\"entry\":{\"id\":31,\"source\":\"staff\","
            + "\"source_id\":\"people/c4711\",\"display_name\":\"Zoë Ångström\",\"organization\":\"Acme Corp\","
            + "\"phones\":[{\"number\":\"+1 (555) 010-2000\",\"type\":\"work\",\"digits\":\"15550102000\","
            + "\"primary\":true},{\"number\":\"+1 555 010 2001\",\"type\":\"mobile\",\"digits\":"
            + "\"15550102001\",\"primary\":false}],\"emails\":[\"zoe@example.com\"]},\"members\":[{\"contact_id\":"
            + "31,\"source\":\"staff\",\"source_id\":\"people/c4711\",\"display_name\":\"Zoë Ångström\","
            + "\"organization\":\"Acme Corp\",\"phones\":[{\"number\":\"+1 (555) 010-2000\",\"type\":\"work\","
            + "\"digits\":\"15550102000\",\"primary\":true}],\"emails\":[\"zoe@example.com\"],\"winner\":true},"
            + "{\"contact_id\":52,\"source\":\"customers\",\"source_id\":\"zoe-1.vcf\",\"display_name\":"
            + "\"Zoe Angstrom\",\"organization\":null,\"phones\":[{\"number\":\"15550102000\",\"type\":\"main\","
            + "\"digits\":\"15550102000\",\"primary\":false},{\"number\":\"+1 555 010 2001\",\"type\":"
            + "\"mobile\",\"digits\":\"15550102001\",\"primary\":false}],\"emails\":[\"ZOE@example.com\"],"
            + "\"winner\":false}]}],\"total\":1,\"limit\":20,\"offset\":0}";
    public static final String Q = "Name (start of the name, organisation or a word in it; case and accents "
            + "ignored) or phone number in any format; blank lists everyone by name. At most 200 characters.";
    public static final String Q_TOO_LONG = "{\"detail\":\"q must be at most 200 characters, was 250.\"}";
    public static final String NO_CONTACT = "{\"detail\":\"No contact with id 999.\"}";

    public static final String GOOGLE_STATUS = "{\"configured\":true,\"connected\":true,\"account_email\":"
            + "\"ann@example.com\",\"connected_at\":\"2024-05-01T12:00:00Z\"}";
    public static final String GOOGLE_CONNECT = "{\"authorization_url\":\"https://accounts.google.com/o/oauth2/"
            + "auth?client_id=...&state=...\",\"expires_at\":\"2024-05-01T12:10:00Z\"}";
    public static final String GOOGLE_REFUSED = "{\"detail\":\"This Google sign-in was not started in this browser "
            + "(the state does not match). Start again with \\\"Connect Google\\\" on the sync page.\"}";

    public static final String LIVE = "{\"status\":\"up\"}";
    public static final String READY = "{\"status\":\"up\",\"checked_at\":\"2024-05-01T12:00:00.123Z\",\"checks\":"
            + "{\"database\":{\"status\":\"up\",\"message\":\"The database answers.\"},\"sync\":{\"status\":"
            + "\"up\",\"message\":\"The last successful sync ended 4m ago.\"}}}";
    public static final String NOT_READY = "{\"status\":\"down\",\"checked_at\":\"2024-05-01T12:00:00.123Z\","
            + "\"checks\":{\"database\":{\"status\":\"down\",\"message\":\"The database cannot be reached. Check that "
            + "it is running and that this server can connect to it; the server log has the details.\"}}}";
    public static final String METRICS = "# TYPE contactsync_sync_runs_total counter\n"
            + "contactsync_sync_runs_total{outcome=\"completed\",trigger=\"manual\",type=\"full\"} 1.0\n";

    public static final String SCHEDULE_PAUSED = "{\"automatic\":true,\"interval\":\"15m\",\"next_sync\":null,"
            + "\"consecutive_failures\":5,\"pause_after\":5,\"paused\":true,\"paused_since\":"
            + "\"2024-05-01T12:00:00Z\",\"pause_reason\":\"Automatic syncs are paused: the last 5 scheduled syncs "
            + "failed (last error: Google access was revoked or expired. Reconnect the Google account on the sync "
            + "page.) Fix the cause, then click Resume; a sync started by hand still works, and one that succeeds "
            + "resumes automatic syncs too.\",\"last_failed_run_id\":42}";
    public static final String RESUMED = "{\"message\":\"Automatic syncs resumed; a sync starts now.\"}";
    public static final String NOT_PAUSED = "{\"detail\":\"Automatic syncs are not paused, so there is nothing to "
            + "resume.\"}";

    private OpenApiExamples() {
    }
}
