/** First and last names by language, for customers and employees of the sample shop. */

export type NameLanguage = 'pt' | 'de' | 'en' | 'fr' | 'es' | 'nl' | 'it' | 'pl' | 'sv';

export interface NameList {
  firstNames: readonly string[];
  lastNames: readonly string[];
}

export const NAMES: Readonly<Record<NameLanguage, NameList>> = {
  pt: {
    firstNames: ['Ana', 'João', 'Maria', 'Pedro', 'Inês', 'Tiago', 'Beatriz', 'Rui', 'Sofia', 'Miguel', 'Carolina', 'Diogo', 'Marta', 'Gonçalo', 'Rita', 'Luís', 'Joana', 'Bruno', 'Camila', 'Lucas', 'Mariana', 'Rafael', 'Larissa', 'Gabriel'],
    lastNames: ['Silva', 'Santos', 'Ferreira', 'Pereira', 'Oliveira', 'Costa', 'Rodrigues', 'Martins', 'Jesus', 'Sousa', 'Fernandes', 'Gonçalves', 'Gomes', 'Lopes', 'Marques', 'Almeida', 'Ribeiro', 'Carvalho', 'Teixeira', 'Moreira', 'Barbosa', 'Araújo'],
  },
  de: {
    firstNames: ['Lukas', 'Anna', 'Felix', 'Lena', 'Jonas', 'Laura', 'Leon', 'Julia', 'Paul', 'Hannah', 'Maximilian', 'Sophie', 'Niklas', 'Lea', 'Tim', 'Katharina', 'Jan', 'Sarah', 'Moritz', 'Johanna', 'Stefan', 'Sabine'],
    lastNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger'],
  },
  en: {
    firstNames: ['James', 'Olivia', 'Michael', 'Emma', 'David', 'Sophia', 'John', 'Emily', 'Robert', 'Isabella', 'William', 'Charlotte', 'Daniel', 'Amelia', 'Thomas', 'Grace', 'Matthew', 'Chloe', 'Christopher', 'Hannah', 'Jack', 'Megan', 'Ryan', 'Jessica'],
    lastNames: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Anderson', 'Thomas', 'Moore', 'Jackson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'Evans', 'Roberts', 'Murphy', 'Kelly'],
  },
  fr: {
    firstNames: ['Camille', 'Louis', 'Léa', 'Hugo', 'Manon', 'Jules', 'Chloé', 'Gabriel', 'Inès', 'Arthur', 'Juliette', 'Nathan', 'Zoé', 'Théo', 'Clara', 'Antoine', 'Sarah', 'Maxime', 'Élise', 'Julien'],
    lastNames: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Peeters', 'Janssens'],
  },
  es: {
    firstNames: ['Lucía', 'Hugo', 'Martina', 'Daniel', 'Paula', 'Alejandro', 'Sofía', 'Pablo', 'María', 'Álvaro', 'Carmen', 'Javier', 'Elena', 'Adrián', 'Laura', 'Sergio', 'Marta', 'Diego', 'Irene', 'Carlos'],
    lastNames: ['García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Navarro', 'Torres'],
  },
  nl: {
    firstNames: ['Daan', 'Emma', 'Sem', 'Julia', 'Lucas', 'Mila', 'Levi', 'Tess', 'Finn', 'Sophie', 'Bram', 'Anna', 'Thijs', 'Lotte', 'Jesse', 'Sanne', 'Ruben', 'Fleur'],
    lastNames: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen'],
  },
  it: {
    firstNames: ['Giulia', 'Francesco', 'Sofia', 'Alessandro', 'Aurora', 'Lorenzo', 'Martina', 'Matteo', 'Chiara', 'Andrea', 'Giorgia', 'Marco', 'Alice', 'Luca', 'Francesca', 'Davide', 'Elena', 'Simone'],
    lastNames: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca', 'Costa', 'Giordano', 'Mancini', 'Rizzo'],
  },
  pl: {
    firstNames: ['Jakub', 'Zuzanna', 'Antoni', 'Julia', 'Szymon', 'Maja', 'Jan', 'Lena', 'Filip', 'Alicja', 'Kacper', 'Natalia', 'Piotr', 'Katarzyna', 'Tomasz', 'Agnieszka'],
    lastNames: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur'],
  },
  sv: {
    firstNames: ['Erik', 'Alice', 'Lars', 'Maja', 'Oskar', 'Elsa', 'William', 'Astrid', 'Hugo', 'Ebba', 'Nils', 'Ingrid', 'Axel', 'Freja', 'Karl', 'Linnea'],
    lastNames: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson', 'Lindberg', 'Lindqvist', 'Berg'],
  },
};
