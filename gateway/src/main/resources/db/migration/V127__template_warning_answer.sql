-- Which change of a warning a template answers (issue 22, point 4): its issue (発表, and a change to a graver level),
-- its lift (解除), or both. A 解除 template answers '03' lifted while the 避難指示 template answers '03' issued. Kept with
-- the kind codes on the version, so a change of it goes through approval like the text.
alter table post_template_version add column warning_answer text not null default 'ISSUED'
    check (warning_answer in ('ISSUED', 'LIFTED', 'BOTH'));
