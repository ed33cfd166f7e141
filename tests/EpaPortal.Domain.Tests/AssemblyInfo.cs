// Domain tests are pure and fast; xunit runs the classes in parallel.
[assembly: CollectionBehavior(MaxParallelThreads = 0)]
