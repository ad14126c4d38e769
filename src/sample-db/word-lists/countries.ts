import type { NameLanguage } from './people.ts';

/** Countries the sample shop delivers to, with a skewed share of customers and cities that belong to them. */

export interface CountryProfile {
  /** ISO 3166-1 alpha-2 code. */
  code: string;
  /** Relative share of customers. */
  weight: number;
  language: NameLanguage;
  /** Cities with their relative share of the country's customers. */
  cities: ReadonlyArray<readonly [string, number]>;
  streets: readonly string[];
  /** `12 Oak Street` (true) or `Hauptstraße 12` (false). */
  houseNumberFirst: boolean;
  /** `#` is any digit, `N` a digit from 2 to 9. */
  phonePattern: string;
  /** Free-mail domains popular in the country, besides the international ones. */
  emailDomains: readonly string[];
}

export const COUNTRIES: readonly CountryProfile[] = [
  {
    code: 'PT', weight: 18, language: 'pt',
    cities: [['Lisboa', 30], ['Porto', 22], ['Braga', 9], ['Coimbra', 8], ['Faro', 6], ['Aveiro', 6], ['Setúbal', 5], ['Funchal', 4]],
    streets: ['Rua das Flores', 'Avenida da Liberdade', 'Rua Augusta', 'Rua de Santa Catarina', 'Avenida dos Aliados', 'Rua do Carmo', 'Travessa do Forno', 'Rua Direita'],
    houseNumberFirst: false, phonePattern: '+351 9## ### ###', emailDomains: ['sapo.pt', 'gmail.com'],
  },
  {
    code: 'DE', weight: 14, language: 'de',
    cities: [['Berlin', 25], ['Hamburg', 14], ['München', 14], ['Köln', 10], ['Frankfurt am Main', 9], ['Stuttgart', 7], ['Leipzig', 6], ['Dresden', 5]],
    streets: ['Hauptstraße', 'Schulstraße', 'Gartenstraße', 'Bahnhofstraße', 'Lindenweg', 'Bergstraße', 'Kirchgasse', 'Am Markt'],
    houseNumberFirst: false, phonePattern: '+49 15# ########', emailDomains: ['web.de', 'gmx.de', 't-online.de'],
  },
  {
    code: 'US', weight: 13, language: 'en',
    cities: [['New York', 22], ['Los Angeles', 15], ['Chicago', 11], ['Houston', 8], ['Boston', 7], ['Seattle', 7], ['Austin', 6], ['Miami', 6]],
    streets: ['Oak Street', 'Maple Avenue', 'Main Street', 'Cedar Lane', 'Elm Street', 'Washington Avenue', 'Park Road', 'Sunset Boulevard'],
    houseNumberFirst: true, phonePattern: '+1 N##-N##-####', emailDomains: ['yahoo.com', 'icloud.com', 'aol.com'],
  },
  {
    code: 'FR', weight: 10, language: 'fr',
    cities: [['Paris', 32], ['Lyon', 14], ['Marseille', 12], ['Toulouse', 9], ['Bordeaux', 8], ['Lille', 7], ['Nantes', 7], ['Strasbourg', 5]],
    streets: ['rue de la Paix', 'avenue Victor Hugo', 'rue Nationale', 'boulevard Saint-Michel', 'rue des Lilas', 'place de la République', 'rue Pasteur'],
    houseNumberFirst: true, phonePattern: '+33 6 ## ## ## ##', emailDomains: ['orange.fr', 'free.fr', 'laposte.net'],
  },
  {
    code: 'ES', weight: 9, language: 'es',
    cities: [['Madrid', 30], ['Barcelona', 26], ['Valencia', 12], ['Sevilla', 10], ['Bilbao', 7], ['Málaga', 7], ['Zaragoza', 6]],
    streets: ['Calle Mayor', 'Gran Vía', 'Calle de Alcalá', 'Paseo de Gracia', 'Calle del Sol', 'Avenida de la Constitución', 'Calle Real'],
    houseNumberFirst: false, phonePattern: '+34 6## ### ###', emailDomains: ['hotmail.es', 'telefonica.net'],
  },
  {
    code: 'GB', weight: 9, language: 'en',
    cities: [['London', 36], ['Manchester', 12], ['Birmingham', 11], ['Leeds', 8], ['Glasgow', 8], ['Bristol', 7], ['Edinburgh', 7], ['Liverpool', 6]],
    streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Green Lane', 'Manor Road', 'Queen Street', 'Mill Lane'],
    houseNumberFirst: true, phonePattern: '+44 7### ######', emailDomains: ['hotmail.co.uk', 'btinternet.com', 'yahoo.co.uk'],
  },
  {
    code: 'NL', weight: 6, language: 'nl',
    cities: [['Amsterdam', 34], ['Rotterdam', 20], ['Utrecht', 15], ['Den Haag', 15], ['Eindhoven', 10], ['Groningen', 6]],
    streets: ['Kerkstraat', 'Dorpsstraat', 'Molenweg', 'Prinsengracht', 'Stationsplein', 'Julianalaan', 'Herengracht'],
    houseNumberFirst: false, phonePattern: '+31 6 ########', emailDomains: ['ziggo.nl', 'kpnmail.nl'],
  },
  {
    code: 'IT', weight: 6, language: 'it',
    cities: [['Roma', 28], ['Milano', 26], ['Napoli', 12], ['Torino', 12], ['Bologna', 9], ['Firenze', 8], ['Palermo', 5]],
    streets: ['Via Roma', 'Via Garibaldi', 'Corso Italia', 'Via Dante', 'Via Mazzini', 'Piazza del Duomo', 'Via Verdi'],
    houseNumberFirst: false, phonePattern: '+39 3## ### ####', emailDomains: ['libero.it', 'virgilio.it'],
  },
  {
    code: 'BR', weight: 5, language: 'pt',
    cities: [['São Paulo', 36], ['Rio de Janeiro', 24], ['Belo Horizonte', 10], ['Curitiba', 9], ['Porto Alegre', 8], ['Salvador', 7], ['Recife', 6]],
    streets: ['Rua Augusta', 'Avenida Paulista', 'Rua Oscar Freire', 'Avenida Atlântica', 'Rua XV de Novembro', 'Rua da Consolação'],
    houseNumberFirst: false, phonePattern: '+55 11 9####-####', emailDomains: ['uol.com.br', 'bol.com.br'],
  },
  {
    code: 'BE', weight: 3, language: 'fr',
    cities: [['Bruxelles', 40], ['Antwerpen', 25], ['Gent', 15], ['Liège', 12], ['Brugge', 8]],
    streets: ['Rue Neuve', 'Meir', 'Avenue Louise', 'Veldstraat', 'Rue du Midi'],
    houseNumberFirst: false, phonePattern: '+32 4## ## ## ##', emailDomains: ['skynet.be', 'telenet.be'],
  },
  {
    code: 'IE', weight: 2, language: 'en',
    cities: [['Dublin', 55], ['Cork', 20], ['Galway', 13], ['Limerick', 12]],
    streets: ['Grafton Street', "O'Connell Street", 'Main Street', 'Patrick Street', 'Shop Street'],
    houseNumberFirst: true, phonePattern: '+353 8# ### ####', emailDomains: ['eircom.net'],
  },
  {
    code: 'PL', weight: 2, language: 'pl',
    cities: [['Warszawa', 40], ['Kraków', 25], ['Wrocław', 15], ['Gdańsk', 12], ['Poznań', 8]],
    streets: ['ul. Marszałkowska', 'ul. Floriańska', 'ul. Długa', 'ul. Piotrkowska', 'ul. Mickiewicza'],
    houseNumberFirst: false, phonePattern: '+48 5## ### ###', emailDomains: ['wp.pl', 'onet.pl', 'interia.pl'],
  },
  {
    code: 'SE', weight: 2, language: 'sv',
    cities: [['Stockholm', 50], ['Göteborg', 25], ['Malmö', 15], ['Uppsala', 10]],
    streets: ['Drottninggatan', 'Storgatan', 'Kungsgatan', 'Skolgatan', 'Järnvägsgatan'],
    houseNumberFirst: false, phonePattern: '+46 7# ### ## ##', emailDomains: ['telia.com', 'spray.se'],
  },
  {
    code: 'CA', weight: 1, language: 'en',
    cities: [['Toronto', 40], ['Vancouver', 25], ['Montreal', 20], ['Calgary', 15]],
    streets: ['Yonge Street', 'King Street West', 'Robson Street', 'Rue Sainte-Catherine', 'Jasper Avenue'],
    houseNumberFirst: true, phonePattern: '+1 N##-N##-####', emailDomains: ['rogers.com', 'shaw.ca'],
  },
];

/** Free-mail providers used everywhere. */
export const INTERNATIONAL_EMAIL_DOMAINS: readonly string[] = ['gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'proton.me', 'icloud.com'];
