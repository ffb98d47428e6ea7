"""Gold set of hard sentence-boundary cases from news text.

Each case is (text, expected sentences). The text is one paragraph (the
project splits paragraphs on line breaks before sentence splitting; a few
cases hold a line break on purpose). Used by tests/test_sentences.py and
benchmarks/bench_splitters.py.
"""

GOLD = [
    (
        "The U.S. military said it was reviewing the strike. Officials declined to comment.",
        ["The U.S. military said it was reviewing the strike.", "Officials declined to comment."],
    ),
    (
        "Mr. Putin met Mr. Trump in Helsinki. They spoke for two hours.",
        ["Mr. Putin met Mr. Trump in Helsinki.", "They spoke for two hours."],
    ),
    (
        "Gen. Joseph Dunford arrived on Tuesday. He met Lt. Gen. Stephen Townsend.",
        ["Gen. Joseph Dunford arrived on Tuesday.", "He met Lt. Gen. Stephen Townsend."],
    ),
    (
        "The call took place on Jan. 28 at the Kremlin. It lasted an hour.",
        ["The call took place on Jan. 28 at the Kremlin.", "It lasted an hour."],
    ),
    (
        "The vote is set for Sept. 12, officials said. Turnout is expected to be low.",
        ["The vote is set for Sept. 12, officials said.", "Turnout is expected to be low."],
    ),
    (
        "George W. Bush spoke first. Then H.W. Bush followed.",
        ["George W. Bush spoke first.", "Then H.W. Bush followed."],
    ),
    (
        "The economy grew 2.5 percent in the quarter. Inflation stayed at 1.8 percent.",
        ["The economy grew 2.5 percent in the quarter.", "Inflation stayed at 1.8 percent."],
    ),
    (
        "The deal is worth $3.2 billion. Shares rose 4.7% on the news.",
        ["The deal is worth $3.2 billion.", "Shares rose 4.7% on the news."],
    ),
    ("He paused... Then he left the room.", ["He paused...", "Then he left the room."]),
    (
        '"We will respond," she said. "There is no doubt."',
        ['"We will respond," she said.', '"There is no doubt."'],
    ),
    (
        'He called the talks "constructive." The Kremlin agreed.',
        ['He called the talks "constructive."', "The Kremlin agreed."],
    ),
    (
        '"Is this a war?" asked one senator. Nobody answered.',
        ['"Is this a war?" asked one senator.', "Nobody answered."],
    ),
    ('"Why now?" he asked reporters on Monday.', ['"Why now?" he asked reporters on Monday.']),
    (
        "MOSCOW (AFP) — Russia said on Monday it would expel 60 diplomats. The move drew a swift response.",
        [
            "MOSCOW (AFP) — Russia said on Monday it would expel 60 diplomats.",
            "The move drew a swift response.",
        ],
    ),
    (
        "WASHINGTON (Reuters) - The Senate passed the bill late on Friday. It now goes to the House.",
        [
            "WASHINGTON (Reuters) - The Senate passed the bill late on Friday.",
            "It now goes to the House.",
        ],
    ),
    (
        "The meeting ended at 5 p.m. Reporters waited outside.",
        ["The meeting ended at 5 p.m.", "Reporters waited outside."],
    ),
    (
        "He arrived at 9 a.m. on Tuesday and left at noon.",
        ["He arrived at 9 a.m. on Tuesday and left at noon."],
    ),
    (
        "The U.N. Security Council met on Wednesday. Russia vetoed the resolution.",
        ["The U.N. Security Council met on Wednesday.", "Russia vetoed the resolution."],
    ),
    (
        "Sen. John McCain (R-Ariz.) criticized the plan. Rep. Adam Schiff agreed.",
        ["Sen. John McCain (R-Ariz.) criticized the plan.", "Rep. Adam Schiff agreed."],
    ),
    (
        "Dr. Smith works at St. Mary's Hospital. She treated the victims.",
        ["Dr. Smith works at St. Mary's Hospital.", "She treated the victims."],
    ),
    (
        "Apple Inc. reported record profits. Microsoft Corp. did too.",
        ["Apple Inc. reported record profits.", "Microsoft Corp. did too."],
    ),
    ("What happens next? No one knows.", ["What happens next?", "No one knows."]),
    (
        "Stop the war! Protesters chanted outside the embassy.",
        ["Stop the war!", "Protesters chanted outside the embassy."],
    ),
    (
        'The report, published Nov. 14, was brief. It cited "very poor" relations.',
        ["The report, published Nov. 14, was brief.", 'It cited "very poor" relations.'],
    ),
    (
        "Russia's ambassador, Sergei I. Kislyak, declined to comment.",
        ["Russia's ambassador, Sergei I. Kislyak, declined to comment."],
    ),
    (
        "The company is based in the U.S. and employs 300 people.",
        ["The company is based in the U.S. and employs 300 people."],
    ),
    (
        "He lives in the U.S. He moved there in 2001.",
        ["He lives in the U.S.", "He moved there in 2001."],
    ),
    (
        'Putin said: "Relations must be straightened out. Our country is prepared." Trump agreed.',
        [
            'Putin said: "Relations must be straightened out.',
            'Our country is prepared."',
            "Trump agreed.",
        ],
    ),
    (
        "Officials said (in a statement released late Sunday) that talks would resume. No date was set.",
        [
            "Officials said (in a statement released late Sunday) that talks would resume.",
            "No date was set.",
        ],
    ),
    (
        "The vote was 52-48. Democrats were united.",
        ["The vote was 52-48.", "Democrats were united."],
    ),
    (
        "Approximately 71% of Russians favor closer ties. The poll has a margin of error of 3.1 points.",
        [
            "Approximately 71% of Russians favor closer ties.",
            "The poll has a margin of error of 3.1 points.",
        ],
    ),
    (
        "The No. 2 official resigned. His deputy, No. 3, stays.",
        ["The No. 2 official resigned.", "His deputy, No. 3, stays."],
    ),
    (
        "Read more at www.example.com. The site was updated Monday.",
        ["Read more at www.example.com.", "The site was updated Monday."],
    ),
    (
        'Tillerson met Lavrov on Wednesday; the talks were "frank." Both sides agreed to keep talking.',
        [
            'Tillerson met Lavrov on Wednesday; the talks were "frank."',
            "Both sides agreed to keep talking.",
        ],
    ),
    (
        '"I don\'t know," he said. "Maybe." Then he walked away.',
        ['"I don\'t know," he said.', '"Maybe."', "Then he walked away."],
    ),
    (
        'The plan (which critics called "reckless") passed. It takes effect in Jan. 2018.',
        ['The plan (which critics called "reckless") passed.', "It takes effect in Jan. 2018."],
    ),
    (
        "Gov. Andrew M. Cuomo signed the bill. It was his 100th.",
        ["Gov. Andrew M. Cuomo signed the bill.", "It was his 100th."],
    ),
    (
        "The strike hit at 3:45 a.m. local time. At least 80 people were killed.",
        ["The strike hit at 3:45 a.m. local time.", "At least 80 people were killed."],
    ),
    (
        "Putin, Tillerson discuss bad state of US-Russian ties, Kremlin says\nKremlin spokesman Dmitry Peskov said talks were constructive.",
        [
            "Putin, Tillerson discuss bad state of US-Russian ties, Kremlin says",
            "Kremlin spokesman Dmitry Peskov said talks were constructive.",
        ],
    ),
    (
        "TRT World and Agencies\nRussian President Vladimir Putin leads a meeting on April 12, 2017, in Moscow.",
        [
            "TRT World and Agencies",
            "Russian President Vladimir Putin leads a meeting on April 12, 2017, in Moscow.",
        ],
    ),
    (
        "The figure rose from 3.5 million in 2015 to 4.1 million. Analysts were surprised.",
        ["The figure rose from 3.5 million in 2015 to 4.1 million.", "Analysts were surprised."],
    ),
    (
        "The U.S.-Russia talks in Geneva ended. A statement followed.",
        ["The U.S.-Russia talks in Geneva ended.", "A statement followed."],
    ),
    (
        "J.K. Rowling tweeted. Fans replied within minutes.",
        ["J.K. Rowling tweeted.", "Fans replied within minutes."],
    ),
    (
        'Is it over? "Not yet," said the spokesman.',
        ["Is it over?", '"Not yet," said the spokesman.'],
    ),
    (
        "The company, Gazprom Inc., said profits fell. Its shares slid.",
        ["The company, Gazprom Inc., said profits fell.", "Its shares slid."],
    ),
    (
        "Feb. 24 marked a year since the invasion. Kyiv held a memorial.",
        ["Feb. 24 marked a year since the invasion.", "Kyiv held a memorial."],
    ),
]
