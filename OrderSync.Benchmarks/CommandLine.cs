namespace OrderSync.Benchmarks;

/// <summary>Reads a command line with a parser that throws on a bad one; a bad one is printed with the usage, and read as null.</summary>
public static class CommandLine
{
    public static T? Parse<T>(Func<T> parse, string usage) where T : class
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(usage);
            return null;
        }
    }
}
