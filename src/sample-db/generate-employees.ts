import { COUNTRIES } from './word-lists/countries.ts';
import { NAMES } from './word-lists/people.ts';
import { createRandom, createWeightedPicker, type Random } from './random.ts';
import { toEmailWord } from './email-local-part.ts';

/** Staff of the shop: one head, a head per department, team leads and their teams (managers get lower ids). */

export interface GeneratedEmployee {
  id: number;
  full_name: string;
  email: string;
  salary_cents: number;
  department: string;
  manager_id: number | null;
}

interface DepartmentProfile {
  name: string;
  /** People in the department, its head included. */
  size: number;
  /** Typical yearly salary of a team member, in euros. */
  baseSalaryEuros: number;
}

export const DEPARTMENTS: readonly DepartmentProfile[] = [
  { name: 'Warehouse', size: 78, baseSalaryEuros: 29_000 },
  { name: 'Support', size: 62, baseSalaryEuros: 33_000 },
  { name: 'Engineering', size: 56, baseSalaryEuros: 64_000 },
  { name: 'Sales', size: 47, baseSalaryEuros: 41_000 },
  { name: 'Finance', size: 29, baseSalaryEuros: 50_000 },
  { name: 'Marketing', size: 28, baseSalaryEuros: 44_000 },
];

/** The head of the company belongs to this department and reports to nobody. */
const HEAD_DEPARTMENT = 'Sales';
const TEAM_SIZE = 9;
const EMAIL_DOMAIN = 'shop.example';

export function generateEmployees(seed: number): GeneratedEmployee[] {
  const random = createRandom(seed ^ 0x3e3b10ee);
  const countryPicker = createWeightedPicker(COUNTRIES.map((country) => [country, country.weight] as const));
  const usedEmails = new Set<string>();
  const employees: GeneratedEmployee[] = [];

  const hire = (department: string, managerId: number | null, salaryEuros: number): GeneratedEmployee => {
    const names = NAMES[countryPicker.pick(random).language];
    const firstName = random.pick(names.firstNames);
    const lastName = random.pick(names.lastNames);
    const employee: GeneratedEmployee = {
      id: employees.length + 1,
      full_name: `${firstName} ${lastName}`,
      email: uniqueWorkEmail(random, firstName, lastName, usedEmails),
      salary_cents: Math.round(salaryEuros / 100) * 100 * 100,
      department,
      manager_id: managerId,
    };
    employees.push(employee);
    return employee;
  };

  const head = hire(HEAD_DEPARTMENT, null, 185_000);
  const departmentHeads = DEPARTMENTS.map((department) => hire(department.name, head.id, department.baseSalaryEuros * 2.1 * spread(random)));
  const teamLeadsByDepartment = DEPARTMENTS.map((department, index) => {
    const membersBesidesHead = department.size - 1 - (department.name === HEAD_DEPARTMENT ? 1 : 0);
    const leadCount = Math.max(1, Math.round(membersBesidesHead / (TEAM_SIZE + 1)));
    const departmentHead = departmentHeads[index] as GeneratedEmployee;
    return Array.from({ length: leadCount }, () => hire(department.name, departmentHead.id, department.baseSalaryEuros * 1.45 * spread(random)));
  });
  // Team members of all departments, hired in a shuffled order so ids do not follow departments.
  const openPositions = DEPARTMENTS.flatMap((department, index) => {
    const leads = teamLeadsByDepartment[index] as GeneratedEmployee[];
    const membersBesidesHead = department.size - 1 - (department.name === HEAD_DEPARTMENT ? 1 : 0);
    return Array.from({ length: membersBesidesHead - leads.length }, () => ({ department, leads, key: random.next() }));
  });
  openPositions.sort((first, second) => first.key - second.key);
  for (const { department, leads } of openPositions) {
    hire(department.name, random.pick(leads).id, department.baseSalaryEuros * spread(random));
  }
  return employees;
}

/** A salary multiplier between 0.8 and 1.35. */
function spread(random: Random): number {
  return 0.8 + random.next() * 0.55;
}

function uniqueWorkEmail(random: Random, firstName: string, lastName: string, usedEmails: Set<string>): string {
  const localPart = `${toEmailWord(firstName)}.${toEmailWord(lastName)}`;
  let email = `${localPart}@${EMAIL_DOMAIN}`;
  while (usedEmails.has(email)) email = `${localPart}${random.integer(2, 99)}@${EMAIL_DOMAIN}`;
  usedEmails.add(email);
  return email;
}
