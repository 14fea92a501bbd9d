-- updater schema v7: the code graph (issue 15 item 4, first slice). Per (team, source commit) the symbols of a Java
-- project and the edges between them, built once by dev.pavu.updater.graph.GraphBuilds from the commit's bundle
-- (parsed with JavaParser's symbol solver, nothing of the project is run or loaded). A graph is requested in the
-- transaction that records the first plan naming the commit and built after it commits.

create table code_graphs (
    id               bigserial     primary key,
    team             varchar(200)  not null,
    commit_sha       varchar(64)   not null,             -- the resolved commit (SourceRef.commit)
    bundle_sha       char(64)      not null,             -- the planner's bundle holding it (GET /sources/{sha})
    job_id           uuid          not null,             -- the job whose plan asked for it first
    status           varchar(20)   not null check (status in ('QUEUED', 'BUILDING', 'READY', 'FAILED')),
    reason           text,                               -- FAILED: why; READY: why it is partial (truncated), if so
    attempts         int           not null default 0,
    files_parsed     int           not null default 0,
    files_skipped    int           not null default 0,   -- too large, past a limit, a bad name
    files_failed     int           not null default 0,   -- did not parse
    links_skipped    int           not null default 0,   -- symbolic links and special files, never followed
    calls_resolved   int           not null default 0,
    calls_external   int           not null default 0,
    calls_unresolved int           not null default 0,
    symbol_count     int           not null default 0,
    edge_count       int           not null default 0,
    build_ms         bigint,
    requested_at     timestamptz   not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    unique (team, commit_sha)                            -- built once per team and commit
);
create index code_graphs_due on code_graphs (requested_at) where status in ('QUEUED', 'BUILDING');

create table code_symbols (
    graph_id       bigint        not null references code_graphs (id) on delete cascade,
    id             int           not null,               -- number within the graph
    kind           varchar(20)   not null check (kind in ('TYPE', 'METHOD', 'CONSTRUCTOR', 'FIELD')),
    qualified_name text          not null,               -- com.acme.Money.plus
    simple_name    text          not null,               -- plus
    signature      text          not null,               -- com.acme.Money.plus(com.acme.Money); unique per graph
    owner          text,                                 -- declaring type; null for a top-level type
    file           text          not null,
    line           int           not null,
    is_test        boolean       not null,
    is_test_method boolean       not null,
    search         tsvector      not null,               -- names, dotted parts and camel-case words ('simple' config)
    primary key (graph_id, id)
);
create index code_symbols_search on code_symbols using gin (search);
create index code_symbols_qualified on code_symbols (graph_id, qualified_name);
create index code_symbols_simple on code_symbols (graph_id, simple_name);
create unique index code_symbols_signature on code_symbols (graph_id, signature);

create table code_edges (
    graph_id   bigint       not null references code_graphs (id) on delete cascade,
    kind       varchar(20)  not null check (kind in ('CALLS', 'OVERRIDES', 'TEST_REACHES')),
    from_id    int          not null,
    to_id      int          not null,
    line       int          not null,                    -- CALLS: first call site; TEST_REACHES: steps; else 0
    primary key (graph_id, kind, from_id, to_id)
);
create index code_edges_to on code_edges (graph_id, kind, to_id);
