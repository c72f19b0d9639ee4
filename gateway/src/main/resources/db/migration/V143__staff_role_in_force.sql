-- The roles that count (§1): PR_OFFICER only while its holder is in the PR department; a grant left over from before
-- a move, or from before the department lost its PR mark, decides nothing. One home for the rule, read by the staff
-- directory and by the API token check, each inside the one statement that reads the person.
create view staff_role_in_force as
select r.staff_id, r.role
from staff_role r
join staff s on s.id = r.staff_id
join department d on d.id = s.department_id
where r.role <> 'PR_OFFICER' or d.is_pr;
