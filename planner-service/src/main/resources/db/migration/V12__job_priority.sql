-- Job priorities (0-9, higher first; travels in the task and verify specs so that the verifier serves by it).
alter table jobs add column priority int not null default 5;
