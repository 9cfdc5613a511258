"""The service layer: every action of the web API, the pages and the command line, each
checked against the asker's role in the workspace (`access.requires`) and run on their behalf,
so the audit log names them. Modules by domain: `workspaces` (workspaces, members, tokens),
`data` (KPIs, catalog, tables, imports, loads), `planning` (objectives, reviews, decisions,
budgets, campaigns, activities, result reviews), `status` (cached objective status),
`audit`, `privacy` (forgetting a person, exporting a workspace), `backup` (a whole MPM_HOME)
with `archive` (checked zip files), and `versions` (what cached answers depend on)."""
