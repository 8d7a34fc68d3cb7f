-- Findings become workflow `finding` of the kernel (issue 10): their history moves from
-- finding_events into case_events, the one history of every case. Each old row's step is
-- derived from its status and the status before it: terbuka first = open, terbuka after
-- dikecualikan = lift, terbuka after diselesaikan = reopen, diakui = acknowledge,
-- dikecualikan = except (its note is the reason), diselesaikan = resolve. Rows without an
-- actor are the engine's (actor and role `system`).
INSERT INTO case_events (id, region_id, workflow, case_id, at, actor_id, actor_name, role, step,
    from_state, to_state, comment, fields_json, documents_json)
SELECT e.id, f.region_id, 'finding', e.finding_id, e.at, u.id, COALESCE(e.actor, 'system'),
    CASE WHEN e.actor IS NULL THEN 'system' ELSE COALESCE(u.role, 'system') END,
    CASE e.status
        WHEN 'diakui' THEN 'acknowledge'
        WHEN 'dikecualikan' THEN 'except'
        WHEN 'diselesaikan' THEN 'resolve'
        ELSE CASE WHEN e.prev IS NULL THEN 'open' WHEN e.prev = 'dikecualikan' THEN 'lift' ELSE 'reopen' END
    END,
    e.prev, e.status,
    CASE WHEN e.status = 'dikecualikan' THEN NULL ELSE e.note END,
    CASE WHEN e.status = 'dikecualikan' AND e.note IS NOT NULL
        THEN json_array(json_object('field', 'reason', 'before', CAST(NULL AS TEXT), 'after', e.note))
        ELSE '[]' END,
    '[]'
FROM (SELECT id, finding_id, at, status, actor, note,
        LAG(status) OVER (PARTITION BY finding_id ORDER BY at, id) AS prev
      FROM finding_events) e
JOIN findings f ON f.id = e.finding_id
LEFT JOIN users u ON u.username = e.actor AND u.region_id = f.region_id;

DROP TABLE finding_events;
