-- Names for bench/seed, in ten languages (two in Cyrillic), with the ASCII form used in emails and
-- usernames. Surnames that change with gender (Russian, Ukrainian, Polish) have both forms.
-- Language weights approximate a European retail network.

create table bench.languages (
  lang text primary key, weight numeric not null, country text not null, time_zone text not null, calling_code text not null);
insert into bench.languages values
  ('en', 18, 'GB', 'Europe/London', '44'),
  ('de', 16, 'DE', 'Europe/Berlin', '49'),
  ('fr', 10, 'FR', 'Europe/Paris', '33'),
  ('es', 9, 'ES', 'Europe/Madrid', '34'),
  ('it', 7, 'IT', 'Europe/Rome', '39'),
  ('pl', 8, 'PL', 'Europe/Warsaw', '48'),
  ('tr', 9, 'TR', 'Europe/Istanbul', '90'),
  ('ru', 11, 'RU', 'Europe/Moscow', '7'),
  ('uk', 7, 'UA', 'Europe/Kyiv', '380'),
  ('nl', 5, 'NL', 'Europe/Amsterdam', '31');

create table bench.first_names (lang text not null, gender char(1) not null, name text not null, ascii text not null);
insert into bench.first_names (lang, gender, name, ascii) values
  ('en','f','Olivia','olivia'),('en','f','Emily','emily'),('en','f','Sophie','sophie'),('en','f','Charlotte','charlotte'),
  ('en','f','Grace','grace'),('en','f','Hannah','hannah'),('en','f','Jessica','jessica'),('en','f','Megan','megan'),
  ('en','f','Chloe','chloe'),('en','f','Lucy','lucy'),('en','f','Amelia','amelia'),('en','f','Isabella','isabella'),
  ('en','m','Oliver','oliver'),('en','m','James','james'),('en','m','Harry','harry'),('en','m','Thomas','thomas'),
  ('en','m','George','george'),('en','m','William','william'),('en','m','Daniel','daniel'),('en','m','Jack','jack'),
  ('en','m','Samuel','samuel'),('en','m','Joshua','joshua'),('en','m','Matthew','matthew'),('en','m','Benjamin','benjamin'),
  ('de','f','Anna','anna'),('de','f','Lena','lena'),('de','f','Katharina','katharina'),('de','f','Julia','julia'),
  ('de','f','Sabine','sabine'),('de','f','Ursula','ursula'),('de','f','Petra','petra'),('de','f','Monika','monika'),
  ('de','f','Birgit','birgit'),('de','f','Franziska','franziska'),('de','f','Jana','jana'),('de','f','Sophie','sophie'),
  ('de','m','Lukas','lukas'),('de','m','Jonas','jonas'),('de','m','Maximilian','maximilian'),('de','m','Felix','felix'),
  ('de','m','Stefan','stefan'),('de','m','Uwe','uwe'),('de','m','Jörg','joerg'),('de','m','Matthias','matthias'),
  ('de','m','Klaus','klaus'),('de','m','Tobias','tobias'),('de','m','Sebastian','sebastian'),('de','m','Florian','florian'),
  ('fr','f','Camille','camille'),('fr','f','Léa','lea'),('fr','f','Manon','manon'),('fr','f','Chloé','chloe'),
  ('fr','f','Inès','ines'),('fr','f','Élodie','elodie'),('fr','f','Céline','celine'),('fr','f','Margaux','margaux'),
  ('fr','f','Amélie','amelie'),('fr','f','Juliette','juliette'),('fr','f','Océane','oceane'),('fr','f','Sandrine','sandrine'),
  ('fr','m','Lucas','lucas'),('fr','m','Hugo','hugo'),('fr','m','Théo','theo'),('fr','m','Louis','louis'),
  ('fr','m','Nicolas','nicolas'),('fr','m','Julien','julien'),('fr','m','Mathieu','mathieu'),('fr','m','Antoine','antoine'),
  ('fr','m','Clément','clement'),('fr','m','Jérôme','jerome'),('fr','m','François','francois'),('fr','m','Guillaume','guillaume'),
  ('es','f','Lucía','lucia'),('es','f','María','maria'),('es','f','Carmen','carmen'),('es','f','Paula','paula'),
  ('es','f','Sofía','sofia'),('es','f','Elena','elena'),('es','f','Marta','marta'),('es','f','Nuria','nuria'),
  ('es','f','Pilar','pilar'),('es','f','Rocío','rocio'),('es','f','Alba','alba'),('es','f','Irene','irene'),
  ('es','m','Alejandro','alejandro'),('es','m','Javier','javier'),('es','m','Pablo','pablo'),('es','m','Sergio','sergio'),
  ('es','m','Álvaro','alvaro'),('es','m','Jorge','jorge'),('es','m','Diego','diego'),('es','m','Raúl','raul'),
  ('es','m','Adrián','adrian'),('es','m','Iván','ivan'),('es','m','Manuel','manuel'),('es','m','Rubén','ruben'),
  ('it','f','Giulia','giulia'),('it','f','Francesca','francesca'),('it','f','Chiara','chiara'),('it','f','Sara','sara'),
  ('it','f','Martina','martina'),('it','f','Valentina','valentina'),('it','f','Alessia','alessia'),('it','f','Federica','federica'),
  ('it','f','Elisa','elisa'),('it','f','Silvia','silvia'),('it','f','Beatrice','beatrice'),('it','f','Ilaria','ilaria'),
  ('it','m','Marco','marco'),('it','m','Alessandro','alessandro'),('it','m','Luca','luca'),('it','m','Giuseppe','giuseppe'),
  ('it','m','Matteo','matteo'),('it','m','Lorenzo','lorenzo'),('it','m','Davide','davide'),('it','m','Simone','simone'),
  ('it','m','Riccardo','riccardo'),('it','m','Niccolò','niccolo'),('it','m','Stefano','stefano'),('it','m','Gabriele','gabriele'),
  ('pl','f','Anna','anna'),('pl','f','Katarzyna','katarzyna'),('pl','f','Małgorzata','malgorzata'),('pl','f','Agnieszka','agnieszka'),
  ('pl','f','Joanna','joanna'),('pl','f','Magdalena','magdalena'),('pl','f','Zofia','zofia'),('pl','f','Łucja','lucja'),
  ('pl','f','Aleksandra','aleksandra'),('pl','f','Ewa','ewa'),('pl','f','Barbara','barbara'),('pl','f','Justyna','justyna'),
  ('pl','m','Piotr','piotr'),('pl','m','Krzysztof','krzysztof'),('pl','m','Tomasz','tomasz'),('pl','m','Paweł','pawel'),
  ('pl','m','Michał','michal'),('pl','m','Łukasz','lukasz'),('pl','m','Jakub','jakub'),('pl','m','Grzegorz','grzegorz'),
  ('pl','m','Wojciech','wojciech'),('pl','m','Marcin','marcin'),('pl','m','Mateusz','mateusz'),('pl','m','Bartosz','bartosz'),
  ('tr','f','Ayşe','ayse'),('tr','f','Fatma','fatma'),('tr','f','Zeynep','zeynep'),('tr','f','Elif','elif'),
  ('tr','f','Emine','emine'),('tr','f','Merve','merve'),('tr','f','Büşra','busra'),('tr','f','Özlem','ozlem'),
  ('tr','f','Gülşen','gulsen'),('tr','f','Derya','derya'),('tr','f','Selin','selin'),('tr','f','İrem','irem'),
  ('tr','m','Mehmet','mehmet'),('tr','m','Mustafa','mustafa'),('tr','m','Ahmet','ahmet'),('tr','m','Emre','emre'),
  ('tr','m','Burak','burak'),('tr','m','Hüseyin','huseyin'),('tr','m','Oğuz','oguz'),('tr','m','Çağlar','caglar'),
  ('tr','m','Murat','murat'),('tr','m','Serkan','serkan'),('tr','m','Barış','baris'),('tr','m','İbrahim','ibrahim'),
  ('ru','f','Анна','anna'),('ru','f','Мария','mariya'),('ru','f','Елена','elena'),('ru','f','Ольга','olga'),
  ('ru','f','Татьяна','tatiana'),('ru','f','Наталья','natalya'),('ru','f','Екатерина','ekaterina'),('ru','f','Ирина','irina'),
  ('ru','f','Светлана','svetlana'),('ru','f','Юлия','yulia'),('ru','f','Дарья','darya'),('ru','f','Ксения','ksenia'),
  ('ru','m','Александр','aleksandr'),('ru','m','Дмитрий','dmitry'),('ru','m','Сергей','sergey'),('ru','m','Андрей','andrey'),
  ('ru','m','Алексей','aleksey'),('ru','m','Иван','ivan'),('ru','m','Михаил','mikhail'),('ru','m','Николай','nikolay'),
  ('ru','m','Владимир','vladimir'),('ru','m','Павел','pavel'),('ru','m','Артём','artyom'),('ru','m','Евгений','evgeny'),
  ('uk','f','Оксана','oksana'),('uk','f','Олена','olena'),('uk','f','Ірина','iryna'),('uk','f','Наталія','nataliia'),
  ('uk','f','Юлія','yuliia'),('uk','f','Тетяна','tetiana'),('uk','f','Галина','halyna'),('uk','f','Софія','sofiia'),
  ('uk','f','Катерина','kateryna'),('uk','f','Людмила','liudmyla'),('uk','f','Анастасія','anastasiia'),('uk','f','Вікторія','viktoriia'),
  ('uk','m','Олександр','oleksandr'),('uk','m','Андрій','andrii'),('uk','m','Сергій','serhii'),('uk','m','Тарас','taras'),
  ('uk','m','Богдан','bohdan'),('uk','m','Микола','mykola'),('uk','m','Володимир','volodymyr'),('uk','m','Юрій','yurii'),
  ('uk','m','Дмитро','dmytro'),('uk','m','Василь','vasyl'),('uk','m','Іван','ivan'),('uk','m','Максим','maksym'),
  ('nl','f','Emma','emma'),('nl','f','Sanne','sanne'),('nl','f','Lotte','lotte'),('nl','f','Femke','femke'),
  ('nl','f','Anouk','anouk'),('nl','f','Iris','iris'),('nl','f','Marieke','marieke'),('nl','f','Eline','eline'),
  ('nl','m','Daan','daan'),('nl','m','Sem','sem'),('nl','m','Bram','bram'),('nl','m','Thijs','thijs'),
  ('nl','m','Joost','joost'),('nl','m','Pieter','pieter'),('nl','m','Ruben','ruben'),('nl','m','Wouter','wouter');

create table bench.last_names (lang text not null, name_m text not null, name_f text not null, ascii_m text not null, ascii_f text not null);
insert into bench.last_names (lang, name_m, name_f, ascii_m, ascii_f)
select lang, name, name, ascii, ascii from (values
  ('en','Smith','smith'),('en','Jones','jones'),('en','Taylor','taylor'),('en','Brown','brown'),('en','Williams','williams'),
  ('en','Wilson','wilson'),('en','Johnson','johnson'),('en','Davies','davies'),('en','Robinson','robinson'),('en','Wright','wright'),
  ('en','Thompson','thompson'),('en','Evans','evans'),('en','Walker','walker'),('en','White','white'),('en','Roberts','roberts'),
  ('en','Green','green'),('en','Hall','hall'),('en','Wood','wood'),('en','Jackson','jackson'),('en','Clarke','clarke'),
  ('de','Müller','mueller'),('de','Schmidt','schmidt'),('de','Schneider','schneider'),('de','Fischer','fischer'),('de','Weber','weber'),
  ('de','Meyer','meyer'),('de','Wagner','wagner'),('de','Becker','becker'),('de','Schulz','schulz'),('de','Hoffmann','hoffmann'),
  ('de','Schäfer','schaefer'),('de','Koch','koch'),('de','Bauer','bauer'),('de','Richter','richter'),('de','Klein','klein'),
  ('de','Wolf','wolf'),('de','Schröder','schroeder'),('de','Neumann','neumann'),('de','Schwarz','schwarz'),('de','Zimmermann','zimmermann'),
  ('fr','Martin','martin'),('fr','Bernard','bernard'),('fr','Dubois','dubois'),('fr','Thomas','thomas'),('fr','Robert','robert'),
  ('fr','Richard','richard'),('fr','Petit','petit'),('fr','Durand','durand'),('fr','Leroy','leroy'),('fr','Moreau','moreau'),
  ('fr','Simon','simon'),('fr','Laurent','laurent'),('fr','Lefèvre','lefevre'),('fr','Michel','michel'),('fr','Garcia','garcia'),
  ('fr','Fournier','fournier'),('fr','Girard','girard'),('fr','Bonnet','bonnet'),('fr','Lambert','lambert'),('fr','Rousseau','rousseau'),
  ('es','García','garcia'),('es','Fernández','fernandez'),('es','González','gonzalez'),('es','Rodríguez','rodriguez'),('es','López','lopez'),
  ('es','Martínez','martinez'),('es','Sánchez','sanchez'),('es','Pérez','perez'),('es','Gómez','gomez'),('es','Martín','martin'),
  ('es','Jiménez','jimenez'),('es','Ruiz','ruiz'),('es','Hernández','hernandez'),('es','Díaz','diaz'),('es','Moreno','moreno'),
  ('es','Muñoz','munoz'),('es','Álvarez','alvarez'),('es','Romero','romero'),('es','Navarro','navarro'),('es','Torres','torres'),
  ('it','Rossi','rossi'),('it','Russo','russo'),('it','Ferrari','ferrari'),('it','Esposito','esposito'),('it','Bianchi','bianchi'),
  ('it','Romano','romano'),('it','Colombo','colombo'),('it','Ricci','ricci'),('it','Marino','marino'),('it','Greco','greco'),
  ('it','Bruno','bruno'),('it','Gallo','gallo'),('it','Conti','conti'),('it','De Luca','deluca'),('it','Costa','costa'),
  ('it','Giordano','giordano'),('it','Mancini','mancini'),('it','Rizzo','rizzo'),('it','Lombardi','lombardi'),('it','Moretti','moretti'),
  ('tr','Yılmaz','yilmaz'),('tr','Kaya','kaya'),('tr','Demir','demir'),('tr','Şahin','sahin'),('tr','Çelik','celik'),
  ('tr','Yıldız','yildiz'),('tr','Yıldırım','yildirim'),('tr','Öztürk','ozturk'),('tr','Aydın','aydin'),('tr','Özdemir','ozdemir'),
  ('tr','Arslan','arslan'),('tr','Doğan','dogan'),('tr','Kılıç','kilic'),('tr','Aslan','aslan'),('tr','Çetin','cetin'),
  ('tr','Kara','kara'),('tr','Koç','koc'),('tr','Kurt','kurt'),('tr','Özkan','ozkan'),('tr','Şimşek','simsek'),
  ('nl','de Jong','dejong'),('nl','Jansen','jansen'),('nl','de Vries','devries'),('nl','van den Berg','vandenberg'),('nl','van Dijk','vandijk'),
  ('nl','Bakker','bakker'),('nl','Janssen','janssen'),('nl','Visser','visser'),('nl','Smit','smit'),('nl','Meijer','meijer'),
  ('nl','de Boer','deboer'),('nl','Mulder','mulder'),('nl','de Groot','degroot'),('nl','Bos','bos'),('nl','Vos','vos')
) as t (lang, name, ascii);
insert into bench.last_names (lang, name_m, name_f, ascii_m, ascii_f) values
  ('pl','Nowak','Nowak','nowak','nowak'),('pl','Kowalski','Kowalska','kowalski','kowalska'),
  ('pl','Wiśniewski','Wiśniewska','wisniewski','wisniewska'),('pl','Wójcik','Wójcik','wojcik','wojcik'),
  ('pl','Kowalczyk','Kowalczyk','kowalczyk','kowalczyk'),('pl','Kamiński','Kamińska','kaminski','kaminska'),
  ('pl','Lewandowski','Lewandowska','lewandowski','lewandowska'),('pl','Zieliński','Zielińska','zielinski','zielinska'),
  ('pl','Szymański','Szymańska','szymanski','szymanska'),('pl','Woźniak','Woźniak','wozniak','wozniak'),
  ('pl','Dąbrowski','Dąbrowska','dabrowski','dabrowska'),('pl','Kozłowski','Kozłowska','kozlowski','kozlowska'),
  ('pl','Jankowski','Jankowska','jankowski','jankowska'),('pl','Mazur','Mazur','mazur','mazur'),
  ('pl','Krawczyk','Krawczyk','krawczyk','krawczyk'),('pl','Piotrowski','Piotrowska','piotrowski','piotrowska'),
  ('ru','Иванов','Иванова','ivanov','ivanova'),('ru','Смирнов','Смирнова','smirnov','smirnova'),
  ('ru','Кузнецов','Кузнецова','kuznetsov','kuznetsova'),('ru','Попов','Попова','popov','popova'),
  ('ru','Васильев','Васильева','vasiliev','vasilieva'),('ru','Петров','Петрова','petrov','petrova'),
  ('ru','Соколов','Соколова','sokolov','sokolova'),('ru','Михайлов','Михайлова','mikhailov','mikhailova'),
  ('ru','Новиков','Новикова','novikov','novikova'),('ru','Фёдоров','Фёдорова','fedorov','fedorova'),
  ('ru','Морозов','Морозова','morozov','morozova'),('ru','Волков','Волкова','volkov','volkova'),
  ('ru','Алексеев','Алексеева','alekseev','alekseeva'),('ru','Лебедев','Лебедева','lebedev','lebedeva'),
  ('ru','Семёнов','Семёнова','semenov','semenova'),('ru','Егоров','Егорова','egorov','egorova'),
  ('ru','Павлов','Павлова','pavlov','pavlova'),('ru','Козлов','Козлова','kozlov','kozlova'),
  ('ru','Степанов','Степанова','stepanov','stepanova'),('ru','Николаев','Николаева','nikolaev','nikolaeva'),
  ('uk','Шевченко','Шевченко','shevchenko','shevchenko'),('uk','Коваленко','Коваленко','kovalenko','kovalenko'),
  ('uk','Бондаренко','Бондаренко','bondarenko','bondarenko'),('uk','Ткаченко','Ткаченко','tkachenko','tkachenko'),
  ('uk','Кравченко','Кравченко','kravchenko','kravchenko'),('uk','Олійник','Олійник','oliinyk','oliinyk'),
  ('uk','Шевчук','Шевчук','shevchuk','shevchuk'),('uk','Поліщук','Поліщук','polishchuk','polishchuk'),
  ('uk','Коваль','Коваль','koval','koval'),('uk','Бойко','Бойко','boiko','boiko'),
  ('uk','Мельник','Мельник','melnyk','melnyk'),('uk','Лисенко','Лисенко','lysenko','lysenko'),
  ('uk','Марченко','Марченко','marchenko','marchenko'),('uk','Руденко','Руденко','rudenko','rudenko'),
  ('uk','Савченко','Савченко','savchenko','savchenko'),('uk','Петренко','Петренко','petrenko','petrenko');

-- Freemail domains by language; work addresses use the organization's domain.
create table bench.email_domains as
select lang, row_number() over (partition by lang order by domain) as n, domain
from (values
  ('en','gmail.com'),('en','outlook.com'),('en','yahoo.co.uk'),('en','btinternet.com'),('en','hotmail.co.uk'),
  ('de','gmail.com'),('de','web.de'),('de','gmx.de'),('de','t-online.de'),('de','outlook.de'),
  ('fr','gmail.com'),('fr','orange.fr'),('fr','free.fr'),('fr','laposte.net'),('fr','hotmail.fr'),
  ('es','gmail.com'),('es','hotmail.es'),('es','yahoo.es'),('es','outlook.es'),
  ('it','gmail.com'),('it','libero.it'),('it','virgilio.it'),('it','alice.it'),
  ('pl','gmail.com'),('pl','wp.pl'),('pl','onet.pl'),('pl','o2.pl'),('pl','interia.pl'),
  ('tr','gmail.com'),('tr','hotmail.com'),('tr','yandex.com.tr'),('tr','outlook.com'),
  ('ru','yandex.ru'),('ru','mail.ru'),('ru','gmail.com'),('ru','rambler.ru'),
  ('uk','ukr.net'),('uk','gmail.com'),('uk','i.ua'),('uk','meta.ua'),
  ('nl','gmail.com'),('nl','ziggo.nl'),('nl','kpnmail.nl'),('nl','hotmail.nl')
) as d (lang, domain);

-- Numbered per language (and gender) so a random pick is a join on (lang, n).
create table bench.first_name_pick as
  select lang, gender, row_number() over (partition by lang, gender order by name) as n, name, ascii from bench.first_names;
create table bench.last_name_pick as
  select lang, row_number() over (partition by lang order by name_m) as n, name_m, name_f, ascii_m, ascii_f from bench.last_names;
create table bench.language_pick as
  select row_number() over (order by lang) as n, l.*,
         coalesce(sum(weight) over (order by lang rows between unbounded preceding and 1 preceding), 0)
           / sum(weight) over () as lower_bound,
         (select count(*) from bench.first_name_pick f where f.lang = l.lang and f.gender = 'f') as n_female,
         (select count(*) from bench.first_name_pick f where f.lang = l.lang and f.gender = 'm') as n_male,
         (select count(*) from bench.last_name_pick s where s.lang = l.lang) as n_last,
         (select count(*) from bench.email_domains d where d.lang = l.lang) as n_domains
  from bench.languages l;
