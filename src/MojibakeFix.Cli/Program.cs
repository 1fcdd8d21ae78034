using MojibakeFix;

// Placeholder: filter standard input line by line.
string? line;
while ((line = Console.In.ReadLine()) is not null)
{
    Console.Out.WriteLine(Mojibake.Fix(line));
}

return 0;
